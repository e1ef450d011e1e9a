import { afterEach, describe, expect, it } from 'vitest'
import { canTransition, sendClaimBatch, type ClaimBatchRequest, type ClaimBatchState } from '../../../electron/core/claiming/claim-batch'
import { claimInChunks, splitIntoChunks } from '../../../electron/core/claiming/chunking'
import { DtAmbiguousError, DtApiError } from '../../../electron/core/claiming/errors'
import { planAfterReconcile, reconcile } from '../../../electron/core/claiming/reconcile'
import type { Simulator } from '../../../electron/core/claiming/simulator/server'
import type { DtClient } from '../../../electron/core/claiming/types'
import { fastClient, startTrainingSim, T } from './helpers'

let sim: Simulator
afterEach(() => sim?.stop())

/** I4 + I5: every device applied at most once, and only to `projectId`. */
function expectLedgerSound(s: Simulator, projectId: string): void {
  const ledger = s.ledger()
  expect(new Set(ledger.map((e) => e.deviceId)).size).toBe(ledger.length)
  expect(ledger.filter((e) => e.projectId !== projectId)).toEqual([])
}

const claimPosts = (s: Simulator): number => s.requests().filter((r) => r.path.includes('devices:claim') && r.path.includes('dryRun=false')).length

describe('a real claim is never blindly re-sent', () => {
  it('reset after apply → DtAmbiguousError, one POST; reconcile finds every device in the target project', async () => {
    sim = await startTrainingSim({ faults: { resetAfterApplyNext: 1 } })
    const client = fastClient(sim)
    const members = T.kitMembers(T.kit25)
    const err = await client.claim(T.receiving, { kitIds: [T.kit25] }, { dryRun: false }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DtAmbiguousError)
    expect((err as DtAmbiguousError).kitIds).toEqual([T.kit25])
    expect(claimPosts(sim)).toBe(1)
    expect(sim.stats().resets).toBe(1)
    const result = await reconcile(client, T.receiving, members, { organizationId: T.organizationId })
    expect(result.inTarget.sort()).toEqual([...members].sort())
    expect([result.elsewhere, result.unclaimed, result.notFound]).toEqual([[], [], []])
    expect(planAfterReconcile({ projectId: T.receiving, kitIds: [T.kit25], deviceIds: [], expectedDeviceIds: members }, result).resend).toBeNull()
    expect(sim.ledger()).toHaveLength(26)
    expectLedgerSound(sim, T.receiving)
  })

  it.each([
    ['a 500 after apply', { errorAfterApplyNext: 1 }, {}],
    // The answer is held far past the claim's deadline, so it times out however loaded the box is.
    ['a timeout after apply', { delayNext: { count: 1, ms: 3000 } }, { attemptTimeoutMs: 800 }],
    ['a truncated 200', { truncateJsonNext: 1 }, {}]
  ])('%s → ambiguous, never retried by the client', async (_name, faults, clientOptions) => {
    sim = await startTrainingSim()
    const client = fastClient(sim, clientOptions)
    await client.listOrganizations()
    sim.setFaults(faults)
    const ids = T.looseUnclaimed().slice(0, 5)
    const err = await client.claim(T.receiving, { deviceIds: ids }, { dryRun: false }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DtAmbiguousError)
    expect(claimPosts(sim)).toBe(1)
    // Reads get the ordinary deadline: the claim's short one is part of the scenario, not theirs.
    const result = await reconcile(fastClient(sim), T.receiving, ids)
    expect(result.inTarget.sort()).toEqual([...ids].sort())
    expectLedgerSound(sim, T.receiving)
  })

  it('a 503 before apply is still ambiguous for a real claim; reconcile shows nothing landed and the remainder is sent once', async () => {
    sim = await startTrainingSim({ faults: { failNext: { status: 503, count: 1, retryAfterSeconds: 0 } } })
    const client = fastClient(sim, { auth: 'basic' })
    const ids = T.looseUnclaimed().slice(0, 4)
    const batch: ClaimBatchRequest = { projectId: T.receiving, kitIds: [], deviceIds: ids, expectedDeviceIds: ids }
    const first = await sendClaimBatch(client, batch)
    expect(first.state).toBe('unknown')
    const result = await reconcile(client, T.receiving, ids)
    expect(result.unclaimed.sort()).toEqual([...ids].sort())
    const plan = planAfterReconcile(batch, result)
    const second = await sendClaimBatch(client, plan.resend!)
    expect(second.state).toBe('claimed')
    expect(sim.ledger().map((e) => e.deviceId).sort()).toEqual([...ids].sort())
    expect(claimPosts(sim)).toBe(2)
  })

  it('a 429 on a real claim is safe to retry (refused before execution): claimed once', async () => {
    sim = await startTrainingSim({ faults: { failNext: { status: 429, count: 1, retryAfterSeconds: 0 } } })
    const client = fastClient(sim, { auth: 'basic' })
    const ids = T.looseUnclaimed().slice(0, 3)
    const res = await client.claim(T.receiving, { deviceIds: ids }, { dryRun: false })
    expect(res.claimedDevices).toHaveLength(3)
    expect(claimPosts(sim)).toBe(2)
    expectLedgerSound(sim, T.receiving)
  })

  it('connection refused before sending → back to ready (nothing could have been applied)', async () => {
    sim = await startTrainingSim()
    const url = sim.url
    await sim.stop()
    const client = fastClient(sim, { apiUrl: url, auth: 'basic', maxAttempts: 1 })
    const out = await sendClaimBatch(client, { projectId: T.receiving, kitIds: [], deviceIds: ['a'], expectedDeviceIds: ['a'] })
    expect(out.state).toBe('ready')
    expect((out as { error: DtApiError }).error.status).toBeNull()
    expect((out as { error: DtApiError }).error.notSent).toBe(true)
    sim = await startTrainingSim()
  })

  it.each([503, 400] as const)('the token endpoint failing (%i) before a real claim → ready, and no claim POST reached DT', async (status) => {
    sim = await startTrainingSim()
    const client = fastClient(sim, { maxAttempts: 2 })
    const ids = T.looseUnclaimed().slice(0, 3)
    const batch: ClaimBatchRequest = { projectId: T.receiving, kitIds: [], deviceIds: ids, expectedDeviceIds: ids }
    sim.setFaults({ tokenFailNext: { status, count: 5 } })
    const out = await sendClaimBatch(client, batch)
    expect(out.state).toBe('ready')
    const error = (out as { error: DtApiError }).error
    expect([error.status, error.notSent]).toEqual([status, true])
    expect(sim.stats().tokenRequests).toBeGreaterThan(0)
    expect(sim.requests()).toEqual([]) // not even a read: nothing reached the API
    expect(sim.ledger()).toEqual([])
    // Once the identity service answers again the same batch goes out exactly once.
    sim.setFaults({ tokenFailNext: null })
    expect((await sendClaimBatch(client, batch)).state).toBe('claimed')
    expect(claimPosts(sim)).toBe(1)
    expectLedgerSound(sim, T.receiving)
  })

  it('reconcile reports devices claimed elsewhere (own org with project, other org as null) and unknown IDs', async () => {
    sim = await startTrainingSim()
    const client = fastClient(sim)
    const partial = T.kitMembers(T.partialKit)
    const foreign = T.looseClaimedInOtherOrg().slice(0, 2)
    const free = T.looseUnclaimed().slice(0, 2)
    const result = await reconcile(client, T.receiving, [partial[0]!, ...foreign, ...free, 'zzzzzzzzzzzzzzzzzzz0'])
    expect(result.inTarget).toEqual([])
    expect(result.elsewhere).toEqual([{ deviceId: partial[0], projectId: T.coldStore }, ...foreign.map((d) => ({ deviceId: d, projectId: null }))])
    expect(result.unclaimed).toEqual(free)
    expect(result.notFound).toEqual(['zzzzzzzzzzzzzzzzzzz0'])
  })
})

/** What the session engine does, minus SQLite: drive each batch through the state machine. */
async function driveToQuiet(client: DtClient, batches: ClaimBatchRequest[], s: Simulator) {
  const rows = batches.map((b) => ({ batch: b, state: 'ready' as ClaimBatchState }))
  const parked: string[] = []
  let postsWhileUnknown = 0
  const step = (row: (typeof rows)[number], to: ClaimBatchState): void => {
    expect(canTransition(row.state, to)).toBe(true)
    row.state = to
  }
  for (let guard = 0; guard < 500; guard++) {
    const row = rows.find((r) => r.state === 'ready' || r.state === 'unknown')
    if (!row) break
    if (row.state === 'ready') {
      const unknownBefore = rows.some((r) => r.state === 'unknown' || r.state === 'reconciling')
      const posts = claimPosts(s)
      step(row, 'sending')
      const out = await sendClaimBatch(client, row.batch)
      if (unknownBefore && claimPosts(s) > posts) postsWhileUnknown++
      step(row, out.state)
      continue
    }
    step(row, 'reconciling')
    try {
      const result = await reconcile(client, row.batch.projectId, row.batch.expectedDeviceIds)
      step(row, 'reconciled')
      const plan = planAfterReconcile(row.batch, result)
      parked.push(...plan.parked.map((p) => p.deviceId))
      if (plan.resend) rows.push({ batch: plan.resend, state: 'ready' })
    } catch {
      step(row, 'unknown')
    }
  }
  return { rows, parked, postsWhileUnknown }
}

describe('reset-after-apply storms with reconciliation (I4–I7)', () => {
  it.each([1, 2, 3, 4])('random seed %i: every device claimed at most once, only into the target project', async (randomSeed) => {
    sim = await startTrainingSim({ randomSeed, faults: { resetAfterApplyRate: 0.3, errorAfterApplyRate: 0.15, errorRates: { '500': 0.1 } } })
    const client = fastClient(sim, { maxAttempts: 10 })
    const kitIds = [T.kit25, T.partialKit]
    const loose = T.looseUnclaimed().slice(0, 30)
    const expectedKitDevices = kitIds.flatMap((k) => T.kitMembers(k))
    const batches: ClaimBatchRequest[] = [
      { projectId: T.receiving, kitIds, deviceIds: [], expectedDeviceIds: expectedKitDevices },
      ...splitIntoChunks([], loose, 7).map((c) => ({ projectId: T.receiving, kitIds: [], deviceIds: c.deviceIds, expectedDeviceIds: c.deviceIds }))
    ]
    const { rows, parked, postsWhileUnknown } = await driveToQuiet(client, batches, sim)
    expect(rows.every((r) => r.state === 'claimed' || r.state === 'reconciled')).toBe(true)
    expect(postsWhileUnknown).toBe(0) // I7, per the driver: each batch's POSTs happen only from ready
    expectLedgerSound(sim, T.receiving) // I4, I5
    const preClaimed = new Set(T.kitMembers(T.partialKit).filter((id) => sim.world.devices.get(id)!.claimedInto === T.coldStore))
    const shouldLand = [...expectedKitDevices, ...loose].filter((id) => !preClaimed.has(id))
    expect(sim.ledger().map((e) => e.deviceId).sort()).toEqual(shouldLand.sort()) // I6: all landed here
    expect(parked.every((id) => preClaimed.has(id))).toBe(true)
    expect(sim.stats().resets + sim.stats().injectedErrors).toBeGreaterThan(0)
  })
})

describe('claimInChunks', () => {
  it('halves the chunk on "too many items" and claims each device once', async () => {
    sim = await startTrainingSim({ faults: { maxClaimBatch: 20 } })
    const client = fastClient(sim)
    const ids = T.looseUnclaimed().slice(0, 44)
    const out = await claimInChunks(client, T.receiving, { deviceIds: ids }, { dryRun: false, chunkSize: 50 })
    expect(out.finalChunkSize).toBe(12)
    expect(out.chunks.every((c) => c.status === 'done')).toBe(true)
    expect(out.chunks.map((c) => c.deviceIds.length)).toEqual([12, 12, 12, 8])
    expect(out.claimedDevices).toHaveLength(44)
    expect(sim.ledger()).toHaveLength(44)
    expectLedgerSound(sim, T.receiving)
  })

  it('stops at the first ambiguous chunk and leaves the rest unsent', async () => {
    sim = await startTrainingSim()
    const client = fastClient(sim)
    await client.listOrganizations()
    const ids = T.looseUnclaimed().slice(0, 30)
    await client.claim(T.receiving, { deviceIds: ids.slice(0, 10) }, { dryRun: true })
    sim.setFaults({ resetAfterApplyNext: 1 })
    const out = await claimInChunks(client, T.receiving, { deviceIds: ids }, { dryRun: false, chunkSize: 10 })
    expect(out.chunks.map((c) => c.status)).toEqual(['ambiguous', 'not_sent', 'not_sent'])
    expect(sim.ledger()).toHaveLength(10)
  })
})
