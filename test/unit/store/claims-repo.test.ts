import { describe, expect, it } from 'vitest'
import type { ClaimBatchRequest } from '../../../electron/core/claiming/claim-batch'
import { claimBodyHash } from '../../../electron/core/store/claims-repo'
import type { Store } from '../../../electron/core/store/open-store'
import { newSession, useTempStores } from './temp-store'

const make = useTempStores()
const req = (deviceIds: string[], kitIds: string[] = [], expected = deviceIds): ClaimBatchRequest => ({ projectId: 'proj-1', kitIds, deviceIds, expectedDeviceIds: expected })
const chunk = (ids: string[]) => ({ request: req(ids), devices: ids.map((deviceId) => ({ deviceId })) })

function batchOf(store: Store, sessionId: string, ...chunks: string[][]) {
  return store.claims.createBatch({ sessionId, projectId: 'proj-1', reviewId: 'rev-1', chunks: chunks.map(chunk) })
}
const events = (store: Store) => [...store.audit.query({ limit: 1000 }).rows].reverse().map((r) => r.eventType)

describe('claims repository', () => {
  it('freezes a batch: ready chunks, pending devices, body hashes, one audit row', () => {
    const { store } = make()
    const s = newSession(store)
    const { batch, chunks } = batchOf(store, s.id, ['d1', 'd2'], ['d3'])
    expect(batch).toMatchObject({ state: 'ready', deviceCount: 3, kitCount: 0, reviewId: 'rev-1', projectId: 'proj-1' })
    expect(chunks.map((c) => [c.idx, c.state, c.bodyHash])).toEqual([
      [0, 'ready', claimBodyHash(req(['d1', 'd2']))],
      [1, 'ready', claimBodyHash(req(['d3']))]
    ])
    expect(store.claims.devices(batch.id).map((d) => [d.deviceId, d.status])).toEqual([['d1', 'pending'], ['d2', 'pending'], ['d3', 'pending']])
    expect(events(store)).toEqual(['session.started', 'claim.ready'])
    expect(store.claims.unfinishedBatches().map((b) => b.id)).toEqual([batch.id])
  })

  it('refuses a device that is live in another batch, naming it, and stores nothing', () => {
    const { store } = make()
    const s = newSession(store)
    batchOf(store, s.id, ['d1'])
    const head = store.audit.head()
    expect(() => batchOf(store, s.id, ['d9', 'd1'])).toThrow(/Device d1 is already pending/)
    expect(store.claims.listBatches(s.id)).toHaveLength(1)
    expect(store.claims.liveDevice('d9')).toBeNull()
    expect(store.audit.head()).toEqual(head)
  })

  it('runs ready → sending → claimed with attempt rows; claimed devices show as claimed here', () => {
    const { store } = make()
    const s = newSession(store)
    const { batch, chunks } = batchOf(store, s.id, ['d1', 'd2', 'd3'])
    const c = chunks[0]!
    const { chunk: sending, attempt } = store.claims.beginAttempt(c.id)
    expect(sending).toMatchObject({ state: 'sending', attempts: 1 })
    expect(attempt).toMatchObject({ n: 1, finishedAt: null, outcome: null })
    const done = store.claims.finishAttempt(c.id, {
      state: 'claimed',
      response: { claimedDevices: ['d1', 'd2'] },
      devices: [
        { deviceId: 'd1', status: 'claimed' },
        { deviceId: 'd2', status: 'claimed' },
        { deviceId: 'd3', status: 'failed', code: 'ALREADY_CLAIMED', message: 'claimed elsewhere' }
      ]
    })
    expect(done).toMatchObject({ state: 'claimed', response: { claimedDevices: ['d1', 'd2'] } })
    expect(done.finishedAt).not.toBeNull()
    expect(store.claims.attempts(c.id)).toMatchObject([{ n: 1, outcome: 'claimed' }])
    const here = store.claims.claimedHere(['d1', 'd2', 'd3', 'zz'])
    expect([...here.keys()].sort()).toEqual(['d1', 'd2'])
    expect(here.get('d1')).toMatchObject({ projectId: 'proj-1', sessionId: s.id, batchId: batch.id })
    // A failed device is released: a later batch ("retry failed only") may take it; claimed ones may not.
    expect(() => batchOf(store, s.id, ['d3'])).not.toThrow()
    expect(() => batchOf(store, s.id, ['d1'])).toThrow(/already claimed/)
    store.claims.setBatchState(batch.id, 'sending')
    store.claims.setBatchState(batch.id, 'done')
    expect(() => store.claims.setBatchState(batch.id, 'sending')).toThrow(expect.objectContaining({ code: 'conflict' }))
    expect(events(store).slice(1, 4)).toEqual(['claim.ready', 'claim.sending', 'claim.claimed'])
  })

  it('allows only legal chunk transitions (never a POST while unknown)', () => {
    const { store } = make()
    const s = newSession(store)
    const c = batchOf(store, s.id, ['d1']).chunks[0]!
    expect(() => store.claims.finishAttempt(c.id, { state: 'claimed' })).toThrow(/cannot go from ready to claimed/)
    store.claims.beginAttempt(c.id)
    expect(() => store.claims.beginAttempt(c.id)).toThrow(/cannot go from sending to sending/)
    store.claims.finishAttempt(c.id, { state: 'unknown', error: 'socket reset' })
    expect(() => store.claims.beginAttempt(c.id)).toThrow(/cannot go from unknown to sending/)
    expect(() => store.claims.cancelChunk(c.id)).toThrow(/conflict|cannot/)
    expect(store.claims.getChunk(c.id)).toMatchObject({ state: 'unknown', attempts: 1, error: 'socket reset' })
  })

  it('429 goes back to ready and the next attempt is n+1', () => {
    const { store } = make()
    const s = newSession(store)
    const c = batchOf(store, s.id, ['d1']).chunks[0]!
    store.claims.beginAttempt(c.id)
    store.claims.finishAttempt(c.id, { state: 'ready', error: 'rate limited' })
    const { attempt } = store.claims.beginAttempt(c.id)
    expect(attempt.n).toBe(2)
    expect(store.claims.attempts(c.id).map((a) => a.outcome)).toEqual(['ready', null])
  })

  it('rejected: every still-pending device becomes failed', () => {
    const { store } = make()
    const s = newSession(store)
    const { batch, chunks } = batchOf(store, s.id, ['d1', 'd2'])
    store.claims.beginAttempt(chunks[0]!.id)
    store.claims.finishAttempt(chunks[0]!.id, { state: 'rejected', error: '403 forbidden' })
    expect(store.claims.devices(batch.id).map((d) => [d.status, d.code])).toEqual([['failed', 'rejected'], ['failed', 'rejected']])
  })

  it('restart → unknown → reconciling → reconciled, resending the unclaimed remainder as a new chunk atomically', () => {
    const t = make()
    const s = newSession(t.store)
    const { batch, chunks } = batchOf(t.store, s.id, ['d1', 'd2', 'd3', 'd4'])
    t.store.claims.beginAttempt(chunks[0]!.id)
    const store = t.reopen() // the process died mid-POST
    const c = store.claims.getChunk(chunks[0]!.id)!
    expect(c.state).toBe('sending')
    store.claims.markUnknownAfterRestart(c.id)
    expect(store.claims.attempts(c.id)).toMatchObject([{ outcome: 'unknown', error: 'process stopped during send' }])
    store.claims.beginReconcile(c.id)
    store.claims.abortReconcile(c.id, 'DT unreachable')
    store.claims.beginReconcile(c.id)
    const reconcile = { inTarget: ['d1'], elsewhere: [{ deviceId: 'd2', projectId: null }], unclaimed: ['d3'], notFound: [] }
    const { chunk: reconciled, resend } = store.claims.finishReconcile(c.id, {
      reconcile,
      devices: [
        { deviceId: 'd1', status: 'claimed' },
        { deviceId: 'd2', status: 'failed', code: 'parked_elsewhere' }
      ],
      resend: chunk(['d3'])
    })
    expect(reconciled).toMatchObject({ state: 'reconciled', reconcile })
    expect(resend).toMatchObject({ idx: 1, state: 'ready', batchId: batch.id, request: req(['d3']) })
    const byId = Object.fromEntries(store.claims.devices(batch.id).map((d) => [`${d.deviceId}@${d.chunkId === c.id ? 0 : 1}`, [d.status, d.code]]))
    expect(byId).toEqual({
      'd1@0': ['claimed', null],
      'd2@0': ['failed', 'parked_elsewhere'],
      'd3@0': ['released', 'resent'],
      'd3@1': ['pending', null],
      'd4@0': ['failed', 'not_reconciled']
    })
    expect(events(store).filter((e) => e.startsWith('claim.'))).toEqual([
      'claim.ready',
      'claim.sending',
      'claim.unknown',
      'claim.reconciling',
      'claim.unknown',
      'claim.reconciling',
      'claim.reconciled'
    ])
    expect(store.audit.verify().ok).toBe(true)
  })

  it('cancel before sending releases the devices; releaseDevice undoes "claimed here"', () => {
    const { store } = make()
    const s = newSession(store)
    const { chunks } = batchOf(store, s.id, ['d1'], ['d2'])
    store.claims.beginAttempt(chunks[0]!.id)
    store.claims.finishAttempt(chunks[0]!.id, { state: 'claimed', devices: [{ deviceId: 'd1', status: 'claimed' }] })
    store.claims.cancelChunk(chunks[1]!.id)
    expect(store.claims.liveDevice('d2')).toBeNull()
    expect(store.claims.claimedHere(['d1']).size).toBe(1)
    store.claims.releaseDevice('d1', 'removed from project in DT Studio')
    expect(store.claims.claimedHere(['d1']).size).toBe(0)
    expect(() => store.claims.releaseDevice('d1', 'again')).toThrow(expect.objectContaining({ code: 'not_found' }))
  })

  it('claimedHere answers for thousands of IDs at once', () => {
    const { store } = make()
    const s = newSession(store)
    const ids = Array.from({ length: 3000 }, (_, i) => `dev${String(i).padStart(5, '0')}`)
    const { chunks } = store.claims.createBatch({ sessionId: s.id, projectId: 'proj-1', chunks: [chunk(ids)] })
    store.claims.beginAttempt(chunks[0]!.id)
    store.claims.finishAttempt(chunks[0]!.id, { state: 'claimed', devices: ids.filter((_, i) => i % 2 === 0).map((deviceId) => ({ deviceId, status: 'claimed' as const })) })
    expect(store.claims.claimedHere([...ids, 'other']).size).toBe(1500)
  })
})
