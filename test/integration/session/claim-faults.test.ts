import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Review, Session } from '../../../shared/contract'
import { buildLargeSeed, LARGE_SEED } from '../../../electron/core/claiming/simulator/large-seed'
import type { FaultsInput } from '../../../electron/core/claiming/simulator/faults'
import type { Simulator } from '../../../electron/core/claiming/simulator/server'
import { PARKED_CODE } from '../../../electron/core/session/session-model'
import { simulator, startEngine, tempDir, type Engine } from './engine-harness'

/**
 * Fault tests (reliability.md R5, P3–P5) on a ~4,000-device claim: 36 kits × (100 sensors +
 * 1 Cloud Connector) + 400 loose sensors. The simulator's ledger is the ground truth.
 */
const L = LARGE_SEED
const seed = buildLargeSeed({ kits: 36, looseDevices: 400, claimedElsewhere: 10 })
const kitIds = seed.kits.map((k) => k.kitId)
const looseIds = seed.devices.slice(36 * 101, 36 * 101 + 400).map((d) => d.deviceId)
const expectedDevices = new Set([...seed.kits.flatMap((k) => k.deviceIds), ...looseIds])

let sim: Simulator | null = null
let engine: Engine | null = null
let tmp: ReturnType<typeof tempDir> | null = null
afterEach(async () => {
  await engine?.close()
  await sim?.stop()
  tmp?.cleanup()
  engine = sim = tmp = null
})

async function claimUnder(faults: FaultsInput, during?: (sim: Simulator, e: Engine) => void): Promise<{ sim: Simulator; engine: Engine; sessionId: string }> {
  tmp = tempDir()
  sim = await simulator({ randomSeed: 7 }, seed)
  engine = await startEngine({
    dbPath: join(tmp.dir, 'dock.db'),
    exportDir: join(tmp.dir, 'x'),
    sim,
    credentials: { keyId: L.keyId, secret: L.secret, email: L.email },
    // DT's timing (1 s after a 5xx, 10 s after a 504) scaled down so the suite stays fast.
    client: { rateLimit: { max: 10_000, windowMs: 1000 }, attemptTimeoutMs: 1500, backoff: { baseMs: 10, capMs: 100, minServerErrorMs: 10, minGatewayTimeoutMs: 20 } },
    tuning: { claim: { retryBaseMs: 10, maxTries: 40 } }
  })
  const e = engine
  const s = await e.call<Session>('session.start', { organizationId: L.organizationId, projectId: L.targetProjectId, operator: 'fault', reference: null })
  for (const p of [...kitIds, ...looseIds]) await e.call('session.submitScan', { sessionId: s.id, payload: p, source: 'manual' })
  await e.service.idle()
  const review = await e.call<Review>('claim.review', { sessionId: s.id })
  expect(review.blockedReason).toBeNull()
  expect(review.deviceCount).toBe(expectedDevices.size)
  sim.setFaults(faults)
  if (during) {
    const simNow = sim
    let fired = false
    e.events.on('claim.progress', () => {
      if (!fired) {
        fired = true
        during(simNow, e)
      }
    })
  }
  await e.call('claim.confirm', { sessionId: s.id, reviewId: review.reviewId, deviceCount: review.deviceCount })
  await e.service.idle()
  return { sim, engine: e, sessionId: s.id }
}

/** I4–I6: each device applied at most once, only to the target project; each ends claimed or parked. */
function checkInvariants(sim: Simulator, e: Engine, sessionId: string): { claimed: number; parked: number; reconciled: number } {
  const ledger = sim.ledger()
  const ids = ledger.map((x) => x.deviceId)
  expect(new Set(ids).size).toBe(ids.length)
  expect(ledger.every((x) => x.projectId === L.targetProjectId)).toBe(true)
  const batches = e.store.claims.listBatches(sessionId)
  expect(batches.length).toBeGreaterThan(0)
  const rows = batches.flatMap((b) => e.store.claims.devices(b.id)).filter((d) => d.status !== 'released')
  const byDevice = new Map(rows.map((r) => [r.deviceId, r]))
  let claimed = 0
  let parked = 0
  const inLedger = new Set(ids)
  for (const d of expectedDevices) {
    const r = byDevice.get(d)
    expect(r, `device ${d} has a claim row`).toBeDefined()
    if (r?.status === 'claimed') {
      claimed++
      expect(inLedger.has(d), `device ${d} recorded claimed but not in the ledger`).toBe(true)
    } else {
      parked++
      expect(r?.status).toBe('failed')
      expect(r?.message ?? '').not.toBe('')
      expect(inLedger.has(d) && r?.code !== PARKED_CODE).toBe(false)
    }
  }
  for (const id of inLedger) expect(byDevice.get(id)?.status, `ledger device ${id} must be recorded claimed`).toBe('claimed')
  expect(e.store.audit.verify().ok).toBe(true)
  const reconciled = batches.flatMap((b) => e.store.claims.chunks(b.id)).filter((c) => c.state === 'reconciled').length
  return { claimed, parked, reconciled }
}

describe('claiming ~4,000 devices under faults', () => {
  it('500/503/504 storm (before apply) and 500 after apply', async () => {
    const r = await claimUnder({ errorRates: { '500': 0.1, '503': 0.1, '504': 0.1 }, retryAfterSeconds: 0, errorAfterApplyRate: 0.2 })
    const { claimed, reconciled } = checkInvariants(r.sim, r.engine, r.sessionId)
    expect(claimed).toBe(expectedDevices.size)
    expect(reconciled).toBeGreaterThan(0) // ambiguous answers were reconciled, not re-sent blindly
  })

  it('429 storm with Retry-After', async () => {
    const r = await claimUnder({ failNext: { status: 429, count: 30, retryAfterSeconds: 0 } })
    const { claimed } = checkInvariants(r.sim, r.engine, r.sessionId)
    expect(claimed).toBe(expectedDevices.size)
    expect(r.sim.stats().rateLimited + r.sim.stats().injectedErrors).toBeGreaterThanOrEqual(30)
  })

  it('connection reset after the claim was applied', async () => {
    const r = await claimUnder({ resetAfterApplyRate: 0.3 })
    const { claimed, reconciled } = checkInvariants(r.sim, r.engine, r.sessionId)
    expect(reconciled).toBeGreaterThan(0)
    expect(claimed).toBe(expectedDevices.size)
    expect(r.sim.stats().resets).toBeGreaterThan(0)
  })

  it('slow responses beyond the attempt deadline', async () => {
    const r = await claimUnder({ delayNext: { count: 6, ms: 2500 }, latencyMs: 5, jitterMs: 20 })
    const { claimed, reconciled } = checkInvariants(r.sim, r.engine, r.sessionId)
    expect(reconciled).toBeGreaterThan(0) // a timed-out POST is ambiguous
    expect(claimed).toBe(expectedDevices.size)
  })

  it('token expiry in the middle of the claim', async () => {
    const r = await claimUnder({}, (s) => s.expireTokens())
    const { claimed } = checkInvariants(r.sim, r.engine, r.sessionId)
    expect(claimed).toBe(expectedDevices.size)
    expect(r.sim.stats().tokensIssued).toBeGreaterThanOrEqual(2)
  })

  it('devices claimed elsewhere after review are parked with a reason, never moved', async () => {
    const victims = looseIds.slice(0, 5)
    const r = await claimUnder({}, (s) => {
      for (const v of victims) {
        const d = s.world.devices.get(v)
        if (d) d.claimedInto = L.otherProjectId
      }
    })
    const { claimed, parked } = checkInvariants(r.sim, r.engine, r.sessionId)
    expect(parked).toBe(victims.length)
    expect(claimed).toBe(expectedDevices.size - victims.length)
  })
})
