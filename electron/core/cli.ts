/**
 * The headless command line (`npx dock-claim <command>`), built on the same core as the app.
 * Each domain owns its subcommands (listed in cli-commands.ts); this file only routes.
 */
import { commands } from './cli-commands'

function usage(): string {
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`)
  return ['usage: dock-claim <command> [options]', '', 'commands:', ...lines, '', 'dock-claim <command> --help for its options'].join('\n')
}

/** Entry point used by electron/cli.cjs (the `dock-claim` bin). Returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h') {
    console.log(usage())
    return name ? 0 : 2
  }
  const cmd = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined
  if (!cmd) {
    console.error(`dock-claim: unknown command "${name}"\n\n${usage()}`)
    return 2
  }
  return cmd.load()(rest)
}
