// `npm run start:browser`: the real core (training mode by default) and the built renderer on
// 127.0.0.1, for machines where Electron cannot run. Prints the URL to open.
import { join } from 'node:path'
import { createCore } from '../core/create-core'
import { startHarness } from './harness-server'

async function main(): Promise<void> {
  const root = join(__dirname, '../..')
  const dataDir = process.env.DOCK_CLAIM_DATA_DIR ?? join(root, '.dock-claim')
  const core = await createCore({ dataDir, shell: 'browser', log: (m) => console.error(`[dock-claim] ${m}`) })
  const port = Number(process.env.DOCK_CLAIM_PORT ?? 0)
  const harness = await startHarness({ core, rendererRoot: join(root, 'out/renderer'), port })
  console.log(`Dock Claim (browser harness, ${core.settings.current().trainingMode ? 'training mode' : 'live DT'}) at ${harness.url}`)
  console.log(`Data: ${dataDir}. Press Ctrl+C to stop.`)
  const stop = (): void => {
    void harness.close().then(() => core.close()).then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  console.error(`dock-claim: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
