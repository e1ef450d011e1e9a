// Child process for lock.test.ts: open the store, report, and hold the lock until killed.
import { openStore } from '../../../electron/core/store/open-store'
import { DockError } from '../../../shared/contract'

const [path, station = 'holder'] = process.argv.slice(2)
try {
  const store = openStore({ path: path!, station, lockTimeoutMs: 100 })
  store.kv.setJson('holder.pid', process.pid)
  process.stdout.write(`LOCKED ${process.pid}\n`)
  // Keep the store reachable: a garbage-collected better-sqlite3 connection closes and drops the lock.
  setInterval(() => store.diagnostics(), 60_000)
} catch (err) {
  const code = err instanceof DockError ? err.code : 'unexpected'
  process.stdout.write(`REFUSED ${code} ${err instanceof Error ? err.name : ''} ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(3)
}
