import { describe, expect, it } from 'vitest'
import {
  canTransition,
  claimBatchStateSchema,
  classifyClaimFailure,
  stateAfterRestart,
  type ClaimBatchState
} from '../../../electron/core/claiming/claim-batch'
import { DtAmbiguousError, DtApiError, asNotSent } from '../../../electron/core/claiming/errors'
import { planAfterReconcile } from '../../../electron/core/claiming/reconcile'

const ambiguous = new DtAmbiguousError({ projectId: 'p', kitIds: [], deviceIds: ['a'], status: null, message: 'x' })
const api = (kind: DtApiError['kind'], status: number | null): DtApiError => new DtApiError({ kind, status, message: kind })

describe('claim batch state machine', () => {
  it('allows only the documented transitions', () => {
    const all = claimBatchStateSchema.options
    const allowed = new Set(['ready>sending', 'sending>claimed', 'sending>rejected', 'sending>ready', 'sending>unknown', 'unknown>reconciling', 'reconciling>reconciled', 'reconciling>unknown'])
    for (const from of all) for (const to of all) expect([from, to, canTransition(from, to)]).toEqual([from, to, allowed.has(`${from}>${to}`)])
  })

  it('never lets an unknown batch be sent again', () => {
    expect(canTransition('unknown', 'sending')).toBe(false)
    expect(canTransition('unknown', 'ready')).toBe(false)
    expect(canTransition('reconciling', 'sending')).toBe(false)
  })

  it('treats a batch caught mid-send or mid-reconcile by a crash as unknown', () => {
    const cases: [ClaimBatchState, ClaimBatchState][] = [['sending', 'unknown'], ['reconciling', 'unknown'], ['ready', 'ready'], ['claimed', 'claimed'], ['unknown', 'unknown']]
    for (const [s, want] of cases) expect(stateAfterRestart(s)).toBe(want)
  })

  it('classifies failures of a real claim conservatively', () => {
    expect(classifyClaimFailure(ambiguous).state).toBe('unknown')
    expect(classifyClaimFailure(api('rate_limited', 429)).state).toBe('ready')
    // Not sent (token fetch failed, connection refused): safe to send again whatever the status.
    expect(classifyClaimFailure(asNotSent(api('unavailable', null))).state).toBe('ready')
    expect(classifyClaimFailure(asNotSent(api('unavailable', 503))).state).toBe('ready')
    expect(classifyClaimFailure(asNotSent(api('unauthorized', 400))).state).toBe('ready')
    // An unavailable that is not known to be unsent may have been applied: reconcile.
    expect(classifyClaimFailure(api('unavailable', null)).state).toBe('unknown')
    expect(classifyClaimFailure(api('unavailable', 503)).state).toBe('unknown')
    expect(classifyClaimFailure(api('forbidden', 403)).state).toBe('rejected')
    expect(classifyClaimFailure(api('not_found', 404)).state).toBe('rejected')
    expect(classifyClaimFailure(new TypeError('bug')).state).toBe('unknown')
    expect(classifyClaimFailure('weird').state).toBe('unknown')
  })
})

describe('planAfterReconcile', () => {
  const batch = { projectId: 'p1', kitIds: ['kit-1'], deviceIds: ['d4'], expectedDeviceIds: ['d1', 'd2', 'd3', 'd4', 'd5'] }
  it('re-sends only the unclaimed devices, as device IDs, to the same project', () => {
    const plan = planAfterReconcile(batch, { inTarget: ['d1'], elsewhere: [{ deviceId: 'd2', projectId: null }], unclaimed: ['d3', 'd4'], notFound: ['d5'] })
    expect(plan.done).toEqual(['d1'])
    expect(plan.parked).toEqual([{ deviceId: 'd2', projectId: null }])
    expect(plan.notFound).toEqual(['d5'])
    expect(plan.resend).toEqual({ projectId: 'p1', kitIds: [], deviceIds: ['d3', 'd4'], expectedDeviceIds: ['d3', 'd4'] })
  })
  it('plans no new batch when nothing is left unclaimed', () => {
    expect(planAfterReconcile(batch, { inTarget: ['d1'], elsewhere: [], unclaimed: [], notFound: [] }).resend).toBeNull()
  })
})
