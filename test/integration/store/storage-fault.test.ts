import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../../../electron/core/store/open-store'

const here = dirname(fileURLToPath(import.meta.url))
const hasStrace = (() => {
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
const dir = mkdtempSync(join(tmpdir(), 'dock-fault-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Run fault-writer.ts under strace with one injected syscall failure (reliability.md R4). */
function runInjected(path: string, inject: string, prefix: string, count: number) {
  const res = spawnSync(
    'strace',
    ['-f', '-qq', '-o', '/dev/null', '-e', `trace=${inject.split(':')[0]}`, '-e', `inject=${inject}`, process.execPath, '--import', 'tsx', join(here, 'fault-writer.ts'), path, String(count), prefix],
    { encoding: 'utf8', timeout: 60_000 }
  )
  return { lines: res.stdout.split('\n').filter(Boolean), status: res.status, stderr: res.stderr }
}

describe('storage faults under strace injection (R4, promise P9)', () => {
  it('EIO on fsync and ENOSPC on write: a typed storage error, no false ACK, fail closed, no corruption', () => {
    expect(hasStrace, 'strace is required for this test (apt-get install strace)').toBe(true)
    const path = join(dir, 'fault.db')
    const seedStore = openStore({ path, station: 'fault-desk' })
    seedStore.sessions.create({ id: 'fault', organizationId: 'o', projectId: 'p', projectName: 'P', operator: 'op', reference: null })
    seedStore.close()

    const acked = new Set<string>()
    const totals = { runs: 0, commitFaults: 0, openFaults: 0, falseAcks: 0, ackAfterFault: 0 }
    const cases = [
      ...[3, 5, 7, 9].map((k) => ({ inject: `fsync:error=EIO:when=${k}`, label: `eio${k}` })),
      ...[4, 8, 12].map((k) => ({ inject: `pwrite64:error=ENOSPC:when=${k}`, label: `nospc${k}` }))
    ]
    for (const c of cases) {
      const run = runInjected(path, c.inject, `${c.label}-`, 6)
      totals.runs++
      let faulted = false
      for (const line of run.lines) {
        const [kind, id, code, sqliteCode] = line.split(' ')
        if (kind === 'OPENFAIL') {
          expect(id, line).toBe('storage_error')
          totals.openFaults++
        } else if (kind === 'ACK') {
          acked.add(id!)
          if (faulted) totals.ackAfterFault++
        } else if (kind === 'ERR') {
          expect(code, line).toBe('storage_error')
          if (!faulted) {
            expect(sqliteCode, line).toMatch(/^SQLITE_(IOERR|FULL)/)
            totals.commitFaults++
          }
          faulted = true
        }
      }
      const store = openStore({ path, station: 'checker' })
      try {
        expect(store.integrityCheck(), c.label).toEqual(['ok'])
        expect(store.audit.verify().ok, c.label).toBe(true)
        for (const id of acked) if (!store.scans.get(id)) totals.falseAcks++
        // The database works again once the fault is gone.
        store.scans.append({ sessionId: 'fault', kind: 'device', identifier: `after-${c.label}`, raw: 'x', source: 'manual', at: 't' })
      } finally {
        store.close()
      }
    }
    console.log(`storage faults: ${JSON.stringify(totals)} acked=${acked.size}`)
    expect(totals.falseAcks).toBe(0)
    expect(totals.ackAfterFault).toBe(0)
    expect(totals.commitFaults).toBeGreaterThan(0)
  }, 300_000)
})
