/**
 * The headless command line (`npx dock-claim <command>`), built on the same core as the app.
 * Each domain owns its subcommands; this file only routes.
 */
type Command = (argv: string[]) => Promise<number>

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {}

/** Register a subcommand. Domains call this from their own cli-*.ts files listed below. */
export function registerCommand(name: string, summary: string, load: () => Promise<Command>): void {
  commands[name] = { summary, load }
}

function usage(): string {
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`)
  return ['usage: dock-claim <command> [options]', '', 'commands:', ...lines].join('\n')
}

async function main(argv: string[]): Promise<number> {
  await import('./cli-commands')
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h') {
    console.log(usage())
    return name ? 0 : 2
  }
  const cmd = commands[name]
  if (!cmd) {
    console.error(`dock-claim: unknown command "${name}"\n\n${usage()}`)
    return 2
  }
  return (await cmd.load())(rest)
}

if (require.main === module || process.argv[1]?.endsWith('cli.cjs')) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (err: unknown) => {
      console.error(`dock-claim: ${err instanceof Error ? err.message : String(err)}`)
      process.exitCode = 1
    }
  )
}
