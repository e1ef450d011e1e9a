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
