import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ClaimProgress, Review, ScanOutcome, Session, SessionView } from '../../../shared/contract'
import type { Simulator } from '../../../electron/core/claiming/simulator/server'
import { startEngine, simulator, tempDir, W, type Engine } from './engine-harness'

let sim: Simulator
let engine: Engine
let tmp: ReturnType<typeof tempDir>

beforeEach(async () => {
  tmp = tempDir()
  sim = await simulator()
  engine = await startEngine({ dbPath: join(tmp.dir, 'dock.db'), exportDir: join(tmp.dir, 'exports'), sim })
})
afterEach(async () => {
  await engine.close()
  await sim.stop()
  tmp.cleanup()
})

const scan = (sessionId: string, payload: string) => engine.call<ScanOutcome>('session.submitScan', { sessionId, payload, source: 'wedge' })

describe('a pallet through the session engine (real SQLite + simulator over HTTP)', () => {
  it('previews duplicates, merged/covered kit members, a partial kit, claimed elsewhere and unknown IDs, then claims with a drift check', async () => {
    const session = await engine.call<Session>('session.start', { organizationId: W.org, projectId: W.project, operator: 'ann', reference: 'PO-7' })
    expect(session.projectName).toBe('Receiving')
    const outcomes: ScanOutcome[] = []
    for (const p of [W.loose[0]!, W.loose[1]!, W.loose[0]!, W.kitADevices[0]!, W.kitA, W.kitADevices[1]!, W.kitP, W.elsewhere[0]!, W.unknown[0]!, W.unknown[1]!, 'hello world', W.loose[2]!.toUpperCase()])
      outcomes.push(await scan(session.id, p))
    expect(outcomes.every((o) => o.durable || o.outcome === 'invalid')).toBe(true)
    expect(outcomes[2]?.outcome).toBe('duplicate')
    expect(outcomes[10]?.outcome).toBe('invalid')
    await engine.service.idle()

    // Problems found by background lookups get their own outcome (sound) after the scan's 'ok'.
    const late = engine.seen.filter((e) => e.name === 'scan.outcome').map((e) => e.payload as ScanOutcome)
    const kinds = (id: string) => late.filter((o) => o.display === id).map((o) => o.outcome)
    expect(kinds(W.unknown[0]!)).toEqual(['ok', 'not_found'])
    expect(kinds(W.elsewhere[0]!)).toEqual(['ok', 'already_claimed'])
    expect(kinds(W.loose[1]!)).toEqual(['ok'])
    expect(kinds(W.kitP)).toEqual(['ok', 'partial_kit'])

    let view = await engine.call<SessionView>('session.get', { sessionId: session.id })
    const item = (identifier: string) => view.items.find((i) => i.identifier === identifier)
    expect(item(W.loose[0]!)?.flags.map((f) => f.code)).toContain('duplicate')
    expect(item(W.kitA)?.kind).toBe('kit')
    expect(item(W.kitA)?.flags.map((f) => f.code)).toContain('merged_into_kit')
    expect(item(W.kitADevices[0]!)?.state).toBe('covered')
    expect(item(W.kitADevices[1]!)?.state).toBe('covered')
    expect(item(W.kitP)?.flags.map((f) => f.code)).toEqual(expect.arrayContaining(['partial_kit', 'already_claimed_elsewhere']))
    expect(item(W.elsewhere[0]!)?.state).toBe('claimed_elsewhere')
    expect(item(W.elsewhere[0]!)?.flags.find((f) => f.code === 'already_claimed_elsewhere')?.message).toContain(W.elsewhere[0]!)
    expect(item(W.unknown[0]!)?.state).toBe('not_found')
    expect(item(W.unknown[1]!)?.state).toBe('not_found')
    expect(item(W.loose[2]!)?.state).toBe('to_claim') // upper-case wedge input normalized
    expect(view.session.summary).toMatchObject({ kits: 2, duplicates: 1, invalid: 1, notFound: 2, pending: 0 })
    // loose 0,1,2 + kit A (4) + the 2 unclaimed members of kit P
    expect(view.session.summary.devicesToClaim).toBe(9)

    // Someone else claims loose[1] between scanning and claiming: the review must show it.
    const stolen = sim.world.devices.get(W.loose[1]!)
    if (!stolen) throw new Error('seed lacks loose[1]')
    stolen.claimedInto = W.sameOrgOther
    const review = await engine.call<Review>('claim.review', { sessionId: session.id })
    expect(review.blockedReason).toBeNull()
    expect(review.drift.map((d) => d.identifier)).toEqual([W.loose[1]])
    expect(review.deviceCount).toBe(8)
    expect(review.kitCount).toBe(1)

    await expect(engine.call('claim.confirm', { sessionId: session.id, reviewId: review.reviewId, deviceCount: 9 })).rejects.toThrow(/changed|review/i)
    const progress = await engine.call<ClaimProgress>('claim.confirm', { sessionId: session.id, reviewId: review.reviewId, deviceCount: 8 })
    expect(progress.devicesTotal).toBe(8)
    await engine.service.idle()

    const ledger = sim.ledger()
    const claimed = ledger.map((e) => e.deviceId).sort()
    const expected = [W.loose[0]!, W.loose[2]!, ...W.kitADevices, W.kitPDevices[2]!, W.kitPDevices[3]!].sort()
    expect(claimed).toEqual(expected)
    expect(ledger.every((e) => e.projectId === W.project)).toBe(true)
    expect(ledger.filter((e) => e.kitId === W.kitA)).toHaveLength(4)

    view = await engine.call<SessionView>('session.get', { sessionId: session.id })
    expect(view.session.status).toBe('done')
    expect(view.session.summary.claimed).toBe(8)
    expect(item(W.loose[0]!)?.state).toBe('claimed')
    expect(item(W.kitA)?.state).toBe('claimed')
    const final = await engine.call<ClaimProgress>('claim.progress', { sessionId: session.id })
    expect(final).toMatchObject({ state: 'done', claimed: 8, failed: 0, devicesTotal: 8 })
    expect(engine.seen.some((e) => e.name === 'claim.progress')).toBe(true)

    const csv = await engine.call<{ fileName: string; path: string; content: string }>('export.results', { sessionId: session.id })
    expect(csv.fileName).toMatch(/^dock-claim-results-\d{8}-\d{6}(-\d+)?\.csv$/)
    expect(existsSync(csv.path)).toBe(true)
    expect(readFileSync(csv.path, 'utf8')).toContain(W.kitADevices[3]!)
    const receipt = await engine.call<{ content: string }>('export.receipt', { sessionId: session.id })
    expect(receipt.content).toContain('PO-7')
    expect(receipt.content).toContain('ann')
    expect(receipt.content).not.toContain('<script')

    expect(engine.store.audit.verify().ok).toBe(true)
    expect(engine.store.integrityCheck()).toEqual(['ok'])
  })

  it('holds scans after a problem until ACK, and control COMMIT only opens the confirmation', async () => {
    await engine.close()
    engine = await startEngine({ dbPath: join(tmp.dir, 'hold.db'), exportDir: join(tmp.dir, 'exports'), sim, settings: { feedback: { soundEnabled: true, volume: 1, flash: true, errorHold: true } } })
    const s = await engine.call<Session>('session.start', { organizationId: W.org, projectId: W.project, operator: 'bo', reference: null })
    expect((await scan(s.id, 'not a code!')).outcome).toBe('invalid')
    const held = await scan(s.id, W.loose[3]!)
    expect(held).toMatchObject({ outcome: 'held', durable: false })
    expect((await scan(s.id, 'DOCKCLAIM:COMMIT')).outcome).toBe('control')
    expect(engine.seen.some((e) => e.name === 'control.command' && (e.payload as { command: string }).command === 'commit')).toBe(true)
    expect(engine.store.claims.listBatches(s.id)).toHaveLength(0)
    expect((await scan(s.id, 'DOCKCLAIM:ACK')).outcome).toBe('control')
    expect((await scan(s.id, W.loose[3]!)).outcome).toBe('ok')
    // REMOVE NEXT then the same device: it leaves the session.
    await scan(s.id, 'DOCKCLAIM:REMOVE')
    expect((await scan(s.id, W.loose[3]!)).outcome).toBe('control')
    const view = await engine.call<SessionView>('session.get', { sessionId: s.id })
    expect(view.items.find((i) => i.identifier === W.loose[3])).toBeUndefined()
    // UNDO removes the invalid scan, the only item left.
    await scan(s.id, 'DOCKCLAIM:UNDO')
    expect((await engine.call<SessionView>('session.get', { sessionId: s.id })).items).toHaveLength(0)
  })

  it('imports a manifest and reports missing, extra and count mismatches', async () => {
    const s = await engine.call<Session>('session.start', { organizationId: W.org, projectId: W.project, operator: 'cy', reference: null })
    await scan(s.id, W.kitA)
    await scan(s.id, W.kitP)
    await engine.service.idle()
    const m = await engine.call<{ expected: number; scanned: number; missing: { kitId: string }[]; extra: string[]; countMismatch: { kitId: string; expected: number; actual: number }[] }>('session.importManifest', {
      sessionId: s.id,
      text: `kit,count\n${W.kitA},4\nkit-missing-77,25\n`
    })
    expect(m).toMatchObject({ expected: 2, scanned: 1, missing: [{ kitId: 'kit-missing-77' }], extra: [W.kitP], countMismatch: [] })
    const m2 = await engine.call<typeof m>('session.importManifest', { sessionId: s.id, text: `${W.kitA},5\n${W.kitP}\n` })
    expect(m2.countMismatch).toEqual([{ kitId: W.kitA, expected: 5, actual: 4 }])
    await expect(engine.call('session.importManifest', { sessionId: s.id, text: 'kit\n<script>\n' })).rejects.toThrow(/line 2/)
  })
})
