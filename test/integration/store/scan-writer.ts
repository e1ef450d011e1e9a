// Child process for crash-loop.test.ts: append scans as fast as possible, each scan with its
// preview item in ONE transaction, and print "ACK <scan id>" only after the commit returned.
import { openStore } from '../../../electron/core/store/open-store'

const [path, sessionId, round] = process.argv.slice(2) as [string, string, string]
const store = openStore({ path, station: 'crash-desk' })
if (!store.sessions.get(sessionId)) {
  store.sessions.create({ id: sessionId, organizationId: 'org-1', projectId: 'proj-1', projectName: 'Crash', operator: 'robot', reference: null })
}
process.stdout.write('READY\n')
for (let n = 0; ; n++) {
  const id = `${round}-${n}`
  store.transaction(() => {
    const scan = store.scans.append({ id, sessionId, kind: 'device', identifier: `dev-${id}`, raw: `dev-${id}`, source: 'hid', scannerId: 'sc-1', at: new Date().toISOString() })
    const item = store.items.insert({ sessionId, kind: 'device', identifier: scan.identifier, state: 'pending', source: 'hid', scannerId: 'sc-1', scannedAt: scan.at, scanId: id })
    store.scans.setItem(id, item.id)
  })
  process.stdout.write(`ACK ${id}\n`)
}
