// The subcommands. Each loads its domain's module only when run (require, not import(): the bin
// runs TypeScript through tsx's CommonJS hook), so `--help` stays fast.
export type Command = (argv: string[]) => Promise<number>

export const commands: Record<string, { summary: string; load: () => Command }> = {
  sim: {
    summary: 'run the DT simulator (training mode backend) on 127.0.0.1',
    load: () => (require('./claiming/sim-cli') as typeof import('./claiming/sim-cli')).runSimCommand
  },
  scanners: {
    summary: 'list HID devices node-hid sees; --listen prints each decoded scan live',
    load: () => (require('./scanners/scanners-cli') as typeof import('./scanners/scanners-cli')).runScannersCommand
  }
}
commands.claim = {
  summary: 'claim the IDs in a file (one payload per line) into a project; --dry-run to preview only',
  load: () => (require('./cli-session') as typeof import('./cli-session')).runClaimCommand
}
commands.sessions = {
  summary: 'list the receiving sessions in the database',
  load: () => (require('./cli-session') as typeof import('./cli-session')).runSessionsCommand
}
commands.audit = {
  summary: 'audit verify (walk the hash chain) | audit export (CSV)',
  load: () => (require('./cli-session') as typeof import('./cli-session')).runAuditCommand
}
