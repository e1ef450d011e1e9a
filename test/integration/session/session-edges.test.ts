import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ClaimProgress, Review, ScanOutcome, Session, SessionView } from '../../../shared/contract'
import type { Simulator } from '../../../electron/core/claiming/simulator/server'
import { StorageError } from '../../../electron/core/store/open-store'
import { simulator, startEngine, tempDir, W, type Engine } from './engine-harness'

let sim: Simulator
let engine: Engine
let tmp: ReturnType<typeof tempDir>

beforeEach(async () => {
  tmp = tempDir()
  sim = await simulator()
  engine = await startEngine({ dbPath: join(tmp.dir, 'dock.db'), exportDir: join(tmp.dir, 'x'), sim, settings: { chunkSize: 2 } })
})
afterEach(async () => {
  await engine.close()
  await sim.stop()
  tmp.cleanup()
})

const start = () => engine.call<Session>('session.start', { organizationId: W.org, projectId: W.project, operator: 'ed', reference: null })
const scan = (sessionId: string, payload: string) => engine.call<ScanOutcome>('session.submitScan', { sessionId, payload, source: 'wedge' })

describe('session engine edge cases', () => {
  it('a failed commit is an error outcome, not durable, with a storage.error event; nothing is kept', async () => {
    const s = await start()
    const real = engine.store.scans.append
    engine.store.scans.append = () => {
      throw new StorageError('disk I/O error (injected)')
    }
    const out = await scan(s.id, W.loose[0]!)
    engine.store.scans.append = real
    expect(out).toMatchObject({ outcome: 'error', durable: false })
    expect(engine.seen.some((e) => e.name === 'storage.error')).toBe(true)
    expect(engine.store.scans.list(s.id)).toHaveLength(0)
    expect((await engine.call<SessionView>('session.get', { sessionId: s.id })).items).toHaveLength(0)
    expect((await scan(s.id, W.loose[0]!)).durable).toBe(true)
  })

  it('HID scans go to the active session; rejected ones beep the scanner', async () => {
    await engine.service.handleHidScan({ scannerId: 'hid-1', text: W.loose[0]!, aim: null, at: new Date() })
    expect(engine.beeps).toEqual(['hid-1']) // no session yet
    const s = await start()
    await engine.service.handleHidScan({ scannerId: 'hid-1', text: W.loose[0]!, aim: ']Q1', at: new Date() })
    await engine.service.handleHidScan({ scannerId: 'hid-1', text: W.loose[0]!, aim: null, at: new Date() })
    expect(engine.beeps).toEqual(['hid-1', 'hid-1'])
    const rows = engine.store.scans.list(s.id)
    expect(rows.map((r) => [r.source, r.scannerId, r.aim])).toEqual([
      ['hid', 'hid-1', ']Q1'],
      ['hid', 'hid-1', null]
    ])
    await engine.call('session.pause', { sessionId: s.id })
    await engine.service.handleHidScan({ scannerId: 'hid-2', text: W.loose[1]!, aim: null, at: new Date() })
    expect(engine.beeps.at(-1)).toBe('hid-2')
  })

  it('duplicate policy "ever" flags IDs scanned in an earlier session', async () => {
    await engine.service.idle()
    const a = await start()
    await scan(a.id, W.loose[4]!)
    // Restart the engine with the 'ever' policy (settings are per station).
    await engine.close()
    engine = await startEngine({ dbPath: join(tmp.dir, 'dock.db'), exportDir: join(tmp.dir, 'x'), sim, settings: { duplicatePolicy: 'ever' } })
    const b = await start()
    const out = await scan(b.id, W.loose[4]!)
    expect(out.outcome).toBe('duplicate')
    const view = await engine.call<SessionView>('session.get', { sessionId: b.id })
    expect(view.items[0]?.flags.map((f) => f.code)).toContain('duplicate')
    expect((await scan(b.id, W.loose[5]!)).outcome).toBe('ok')
  })

  it('cancel stops between chunks; the unsent devices can be claimed later', async () => {
    const s = await start()
    for (const d of W.loose) await scan(s.id, d)
    await engine.service.idle()
    sim.setFaults({ latencyMs: 150 })
    const review = await engine.call<Review>('claim.review', { sessionId: s.id })
    expect(review.deviceCount).toBe(6)
    await engine.call('claim.confirm', { sessionId: s.id, reviewId: review.reviewId, deviceCount: 6 })
    // Control barcodes cannot pause or edit a session while its claim runs.
    expect((await scan(s.id, 'DOCKCLAIM:UNDO')).message).toMatch(/only while the session is open/)
    expect((await scan(s.id, 'DOCKCLAIM:PAUSE')).message).toMatch(/Only an open session/)
    expect((await scan(s.id, W.loose[0]!)).outcome).toBe('error')
    expect(engine.store.sessions.require(s.id).status).toBe('committing')
    await engine.call('claim.cancel', { sessionId: s.id })
    await engine.service.idle()
    const p = await engine.call<ClaimProgress>('claim.progress', { sessionId: s.id })
    expect(p.state).toBe('cancelled')
    const sent = sim.ledger().length
    expect(sent).toBeLessThan(6)
    expect(p.claimed).toBe(sent)
    const view = await engine.call<SessionView>('session.get', { sessionId: s.id })
    expect(view.session.status).toBe('open')
    expect(view.session.summary.devicesToClaim).toBe(6 - sent)
    sim.setFaults({ latencyMs: 0 })
    const again = await engine.call<Review>('claim.review', { sessionId: s.id })
    await engine.call('claim.confirm', { sessionId: s.id, reviewId: again.reviewId, deviceCount: again.deviceCount })
    await engine.service.idle()
    expect(sim.ledger().map((e) => e.deviceId).sort()).toEqual([...W.loose].sort())
  })

  it('a rejected chunk fails its devices; "retry failed only" claims exactly those', async () => {
    const s = await start()
    for (const d of W.loose.slice(0, 4)) await scan(s.id, d)
    await engine.service.idle()
    const review = await engine.call<Review>('claim.review', { sessionId: s.id })
    // The service account loses its role: DT answers 403 (definitive, nothing applied).
    const account = sim.world.accounts.get(W.keyId)
    if (!account) throw new Error('seed lacks the account')
    const orgs = [...account.organizations]
    account.organizations = []
    await engine.call('claim.confirm', { sessionId: s.id, reviewId: review.reviewId, deviceCount: review.deviceCount })
    await engine.service.idle()
    expect(sim.ledger()).toHaveLength(0)
    let view = await engine.call<SessionView>('session.get', { sessionId: s.id })
    expect(view.session.summary.failed).toBe(4)
    expect(view.items.every((i) => i.state === 'failed' && i.flags.some((f) => f.code === 'claim_error'))).toBe(true)
    const normal = await engine.call<Review>('claim.review', { sessionId: s.id })
    expect(normal.blockedReason).toBe('Nothing to claim.')
    account.organizations = orgs
    const retry = await engine.call<Review>('claim.retryFailed', { sessionId: s.id })
    expect(retry.deviceCount).toBe(4)
    const started = await engine.call<ClaimProgress>('claim.confirm', { sessionId: s.id, reviewId: retry.reviewId, deviceCount: 4 })
    expect(started).toMatchObject({ devicesTotal: 4, failed: 0 }) // the new batch, not the rejected one
    await engine.service.idle()
    expect(sim.ledger().map((e) => e.deviceId).sort()).toEqual(W.loose.slice(0, 4).sort())
    view = await engine.call<SessionView>('session.get', { sessionId: s.id })
    expect(view.session.summary).toMatchObject({ claimed: 4, failed: 0 })
    expect(view.session.status).toBe('done')
  })

  it('refused credentials stop the claim at once with a clear reason; nothing is sent', async () => {
    const s = await start()
    for (const d of W.loose.slice(0, 4)) await scan(s.id, d)
    await engine.service.idle()
    const review = await engine.call<Review>('claim.review', { sessionId: s.id })
    // The identity service refuses the key (e.g. the key was revoked): every token request is a 400.
    sim.expireTokens()
    sim.setFaults({ tokenFailNext: { status: 400, count: 1000 } })
    const before = sim.stats()
    await engine.call('claim.confirm', { sessionId: s.id, reviewId: review.reviewId, deviceCount: review.deviceCount })
    await engine.service.idle()
    const progress = await engine.call<ClaimProgress>('claim.progress', { sessionId: s.id })
    expect(progress.state).toBe('failed')
    expect(progress.message).toMatch(/credentials/)
    expect(sim.ledger()).toHaveLength(0)
    // Token requests: the first refusal and at most one client-level retry, not a loop of 8.
    const after = sim.stats()
    expect(after.claimRequests - before.claimRequests).toBe(0)
    expect(after.tokenRequests - before.tokenRequests).toBeGreaterThan(0)
    expect(after.tokenRequests - before.tokenRequests).toBeLessThanOrEqual(3)
  })

  it('a chunk DT refuses as too large is split automatically and the chunk size halved', async () => {
    const s = await start()
    for (const d of W.loose.slice(0, 4)) await scan(s.id, d)
    await engine.service.idle()
    const review = await engine.call<Review>('claim.review', { sessionId: s.id })
    sim.setFaults({ maxClaimBatch: 1 }) // DT answers 400 "too many items" for a chunk of 2
    await engine.call('claim.confirm', { sessionId: s.id, reviewId: review.reviewId, deviceCount: review.deviceCount })
    await engine.service.idle()
    expect(sim.ledger().map((e) => e.deviceId).sort()).toEqual(W.loose.slice(0, 4).sort())
    const view = await engine.call<SessionView>('session.get', { sessionId: s.id })
    expect(view.session).toMatchObject({ status: 'done', summary: { claimed: 4, failed: 0 } })
    expect(engine.store.claims.listBatches(s.id)).toHaveLength(2)
    expect(engine.settings.current().chunkSize).toBe(1)
  })

  it('the live preview shows devices claimed by this station in an earlier session as claimed_here', async () => {
    const a = await start()
    await scan(a.id, W.loose[2]!)
    await engine.service.idle()
    const r = await engine.call<Review>('claim.review', { sessionId: a.id })
    await engine.call('claim.confirm', { sessionId: a.id, reviewId: r.reviewId, deviceCount: r.deviceCount })
    await engine.service.idle()
    const b = await start()
    await scan(b.id, W.loose[2]!)
    await scan(b.id, W.elsewhere[1]!)
    await engine.service.idle()
    const view = await engine.call<SessionView>('session.get', { sessionId: b.id })
    expect(view.items.find((i) => i.identifier === W.loose[2])?.state).toBe('claimed_here')
    expect(view.items.find((i) => i.identifier === W.elsewhere[1])?.state).toBe('claimed_elsewhere')
  })

  it('claiming is blocked while lookups are pending (DT unreachable)', async () => {
    const s = await start()
    await sim.stop()
    await scan(s.id, W.loose[0]!)
    await engine.service.idle()
    const view = await engine.call<SessionView>('session.get', { sessionId: s.id })
    expect(['pending', 'lookup_failed']).toContain(view.items[0]?.state)
    const review = await engine.call<Review>('claim.review', { sessionId: s.id })
    expect(review.blockedReason).toMatch(/being checked/)
    await expect(engine.call('claim.confirm', { sessionId: s.id, reviewId: review.reviewId, deviceCount: review.deviceCount })).rejects.toThrow(/being checked|changed/)
    sim = await simulator()
  })
})
