import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../../../electron/core/store/open-store'
import { runScript } from './child-process'
// mulberry32 from the simulator: kill times replay from the printed seed.
import { seededRandom as prng } from '../../../electron/core/claiming/simulator/faults'

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 30)
const dir = mkdtempSync(join(tmpdir(), 'dock-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('kill -9 crash loop (R2, promise P1)', () => {
  it(`loses no acknowledged scan over ${ROUNDS} random SIGKILLs; integrity and the audit chain hold`, async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31)
    const random = prng(seed)
    const path = join(dir, 'crash.db')
    const sessionId = 'crash-session'
    const acked = new Set<string>()
    let kills = 0
    let integrityFailures = 0
    let chainFailures = 0
    let lost = 0
    let partial = 0
    for (let round = 1; round <= ROUNDS; round++) {
      const child = runScript('scan-writer.ts', [path, sessionId, String(round)], (line) => {
        if (line.startsWith('ACK ')) acked.add(line.slice(4))
      })
      await child.waitFor(/^READY$/, 30_000)
      await new Promise((r) => setTimeout(r, 50 + Math.floor(random() * 250)))
      child.proc.kill('SIGKILL')
      const exit = await child.exited
      expect(exit.signal, child.stderr()).toBe('SIGKILL')
      kills++

      const store = openStore({ path, station: 'checker' })
      try {
        if (store.integrityCheck().join() !== 'ok') integrityFailures++
        if (!store.audit.verify().ok) chainFailures++
        for (const id of acked) if (!store.scans.get(id)) lost++
        // Atomicity: a scan never exists without the item written in its transaction.
        for (const scan of store.scans.list(sessionId)) {
          if (!scan.itemId || !store.items.get(scan.itemId)) partial++
        }
      } finally {
        store.close()
      }
    }
    const store = openStore({ path, station: 'checker' })
    const stored = store.scans.list(sessionId).length
    const verify = store.audit.verify()
    store.close()
    console.log(
      `crash loop: seed=${seed} rounds=${ROUNDS} kills=${kills} acked=${acked.size} stored=${stored} ` +
        `lost=${lost} partial=${partial} integrity_failures=${integrityFailures} chain_failures=${chainFailures} audit_rows=${verify.checked}`
    )
    expect(acked.size).toBeGreaterThan(ROUNDS)
    expect(lost).toBe(0)
    expect(partial).toBe(0)
    expect(integrityFailures).toBe(0)
    expect(chainFailures).toBe(0)
    // A scan may be committed without its ACK reaching us (killed in between), never the reverse.
    expect(stored).toBeGreaterThanOrEqual(acked.size)
    expect(verify.ok).toBe(true)
  }, 300_000)
})
