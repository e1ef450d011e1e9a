// Child process for storage-fault.test.ts (run under strace fault injection): append `count`
// scans and print "ACK <id>" after each commit or "ERR <code> <sqlite code>" when it fails.
import { openStore } from '../../../electron/core/store/open-store'
import { DockError } from '../../../shared/contract'
import { StorageError } from '../../../electron/core/store/errors'

const [path, count, prefix = 's'] = process.argv.slice(2) as [string, string, string?]
let store
try {
  store = openStore({ path, station: 'fault-desk' })
} catch (err) {
  process.stdout.write(`OPENFAIL ${err instanceof DockError ? err.code : 'unexpected'} ${err instanceof StorageError ? err.sqliteCode : ''}\n`)
  process.exit(2)
}
const session = store.sessions.get('fault') ?? store.sessions.create({ id: 'fault', organizationId: 'o', projectId: 'p', projectName: 'P', operator: 'op', reference: null })
process.stdout.write('READY\n')
for (let n = 0; n < Number(count); n++) {
  const id = `${prefix}${n}`
  try {
    store.scans.append({ id, sessionId: session.id, kind: 'device', identifier: id, raw: id, source: 'hid', at: new Date().toISOString() })
    process.stdout.write(`ACK ${id}\n`)
  } catch (err) {
    process.stdout.write(`ERR ${id} ${err instanceof DockError ? err.code : 'unexpected'} ${err instanceof StorageError ? err.sqliteCode : String(err)}\n`)
  }
}
store.close()
process.stdout.write('DONE\n')
