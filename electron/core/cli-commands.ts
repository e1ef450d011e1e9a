// The list of subcommands; each entry loads its domain's CLI lazily so `--help` stays fast.
import { registerCommand } from './cli'

registerCommand('sim', 'run the DT simulator (training mode backend) on 127.0.0.1', async () => (await import('./claiming/sim-cli')).runSimCommand)
