import { z } from 'zod'
import { DtAmbiguousError, DtApiError } from './errors'
import type { ClaimResult, DtClient } from './types'

/**
 * The life of one claim batch (one `devices:claim?dryRun=false` POST), as the session engine
 * persists it. DT has no idempotency key, so a claim whose outcome is unknown must be
 * reconciled against DT before anything is re-sent (reliability.md §4.3):
 *
 * ```
 * ready ──send──▶ sending ──▶ claimed      (200 parsed; per-item errors kept per item)
 *                         ──▶ rejected     (definitive 4xx: nothing applied; park + alert)
 *                         ──▶ ready        (provably not applied: 429, or never sent: token
 *                                          fetch failed, connection refused)
 *                         ──▶ unknown      (timeout after send, reset, 5xx, unreadable 200)
 * unknown ──▶ reconciling ──▶ reconciled   (ReconcileResult stored; remainder → a NEW ready batch)
 *                         ──▶ unknown      (DT unreachable while reconciling: try again later)
 * ```
 *
 * Rules the engine must keep:
 * - Commit `sending` BEFORE the POST. A batch found in `sending` after a restart is `unknown`.
 * - Never POST a batch in `unknown` or `reconciling`; only `planAfterReconcile(...).resend`
 *   goes into a new batch, and only devices DT reports as unclaimed.
 * - Devices claimed elsewhere are parked for a human, never retried.
 */
export const claimBatchStateSchema = z.enum(['ready', 'sending', 'claimed', 'rejected', 'unknown', 'reconciling', 'reconciled'])
export type ClaimBatchState = z.infer<typeof claimBatchStateSchema>

/** Allowed transitions; anything else is a bug in the engine. */
export const claimBatchTransitions: Readonly<Record<ClaimBatchState, readonly ClaimBatchState[]>> = {
  ready: ['sending'],
  sending: ['claimed', 'rejected', 'ready', 'unknown'],
  claimed: [],
  rejected: [],
  unknown: ['reconciling'],
  reconciling: ['reconciled', 'unknown'],
  reconciled: []
}

/** True when `from → to` is a legal step of the claim batch state machine. */
export function canTransition(from: ClaimBatchState, to: ClaimBatchState): boolean {
  return claimBatchTransitions[from].includes(to)
}

/** State to assume for a batch row read back after a restart (a crash mid-send is ambiguous). */
export function stateAfterRestart(state: ClaimBatchState): ClaimBatchState {
  return state === 'sending' || state === 'reconciling' ? 'unknown' : state
}

/**
 * What a batch sends, frozen at `ready`. `expectedDeviceIds` is every device the batch covers
 * (loose devices plus the members of its kits, from claimInfo): reconciliation checks these.
 */
export const claimBatchRequestSchema = z.object({
  projectId: z.string().min(1),
  kitIds: z.array(z.string().min(1)),
  deviceIds: z.array(z.string().min(1)),
  expectedDeviceIds: z.array(z.string().min(1))
})
export type ClaimBatchRequest = z.infer<typeof claimBatchRequestSchema>

/** The outcome of one send step; `state` is the state to persist next. */
export type ClaimSendOutcome =
  | { state: 'claimed'; result: ClaimResult }
  | { state: 'rejected'; error: DtApiError }
  | { state: 'ready'; error: DtApiError }
  | { state: 'unknown'; error: Error }

/**
 * Classify a failure of a REAL claim into the next batch state. Only errors that prove the
 * request was not executed go back to `ready`; anything unexpected is treated as `unknown`.
 */
export function classifyClaimFailure(err: unknown): ClaimSendOutcome {
  if (err instanceof DtAmbiguousError) return { state: 'unknown', error: err }
  if (err instanceof DtApiError) {
    // notSent: the failure came before the POST left (token fetch, limiter, connection refused),
    // whatever its status (a 503 may be the identity service's). 429s are refused unexecuted.
    // 5xx/timeouts after sending become DtAmbiguousError, never a plain DtApiError.
    if (err.notSent || err.kind === 'rate_limited') return { state: 'ready', error: err }
    // An 'unavailable' that is not flagged notSent cannot be proven harmless: reconcile it.
    if (err.kind === 'unavailable') return { state: 'unknown', error: err }
    return { state: 'rejected', error: err }
  }
  return { state: 'unknown', error: err instanceof Error ? err : new Error(String(err)) }
}

/** One send step: POST the frozen batch with dryRun=false and classify the outcome. Never throws. */
export async function sendClaimBatch(client: DtClient, batch: ClaimBatchRequest): Promise<ClaimSendOutcome> {
  try {
    const body = { ...(batch.kitIds.length ? { kitIds: batch.kitIds } : {}), ...(batch.deviceIds.length ? { deviceIds: batch.deviceIds } : {}) }
    const result = await client.claim(batch.projectId, body, { dryRun: false })
    return { state: 'claimed', result }
  } catch (err) {
    return classifyClaimFailure(err)
  }
}
