import { planAfterReconcile } from '../claiming/reconcile'
import type { ClaimResult, DtClient } from '../claiming/types'
import type { ClaimChunkRecord, ClaimsRepo, DeviceOutcome, NewChunk } from '../store/types'
import { failpoint } from './failpoints'
import { reconcileChunk as reconcileDevices } from './reconcile-batch'
import { PARKED_CODE } from './session-model'

/** Operator text for a device DT shows claimed somewhere else. */
export function parkedMessage(projectId: string | null): string {
  return projectId
    ? `Claimed into another project (${projectId}); parked for a person, never retried.`
    : 'Claimed by another organization; parked for a person, never retried. Use the transfer note.'
}

/**
 * Per-device outcomes of a 200 to a real claim. ALREADY_CLAIMED counts as success only when DT
 * shows the device in the target project (reliability.md §4.3); devices the answer does not
 * mention are checked the same way. If DT cannot be asked, they are parked for a person.
 */
export async function claimedOutcomes(client: DtClient, claims: ClaimsRepo, chunk: ClaimChunkRecord, result: ClaimResult, organizationId?: string): Promise<DeviceOutcome[]> {
  const expected = new Set(chunk.request.expectedDeviceIds)
  const out = new Map<string, DeviceOutcome>()
  const kitOf = new Map(claims.devices(chunk.batchId).filter((d) => d.chunkId === chunk.id).map((d) => [d.deviceId, d.kitId]))
  for (const d of result.claimedDevices) if (expected.has(d.deviceId)) out.set(d.deviceId, { deviceId: d.deviceId, status: 'claimed', message: 'Claimed into the project.' })
  for (const e of result.errors) {
    if (e.kind === 'kit') {
      for (const d of chunk.request.expectedDeviceIds) if (!out.has(d) && kitOf.get(d) === e.id) out.set(d, { deviceId: d, status: 'failed', code: e.code, message: `Kit ${e.id}: ${e.message}` })
    } else if (e.code === 'NOT_FOUND' && expected.has(e.id)) out.set(e.id, { deviceId: e.id, status: 'failed', code: 'NOT_FOUND', message: e.message })
    else if (e.code !== 'ALREADY_CLAIMED' && expected.has(e.id)) out.set(e.id, { deviceId: e.id, status: 'failed', code: e.code, message: e.message })
  }
  const check = [...expected].filter((d) => !out.has(d))
  if (check.length > 0) {
    try {
      const r = await reconcileDevices(client, chunk.request.projectId, check, organizationId)
      for (const d of r.inTarget) out.set(d, { deviceId: d, status: 'claimed', code: 'already_in_project', message: 'DT reports it in this project.' })
      for (const e of r.elsewhere) out.set(e.deviceId, { deviceId: e.deviceId, status: 'failed', code: PARKED_CODE, message: parkedMessage(e.projectId) })
      for (const d of r.notFound) out.set(d, { deviceId: d, status: 'failed', code: 'NOT_FOUND', message: 'DT does not know this device.' })
      for (const d of r.unclaimed) out.set(d, { deviceId: d, status: 'failed', code: 'not_applied', message: 'DT did not claim it; use "retry failed only".' })
    } catch {
      for (const d of check) out.set(d, { deviceId: d, status: 'failed', code: 'ALREADY_CLAIMED', message: 'DT reported it already claimed; where could not be checked. Parked for a person.' })
    }
  }
  return [...out.values()]
}

/**
 * unknown → reconciling → reconciled, plus a NEW ready chunk holding only the devices DT still
 * reports unclaimed. Returns false (chunk back to unknown) when DT could not be asked; the caller
 * must then wait and try again, never POST.
 */
export async function reconcileUnknownChunk(client: DtClient, claims: ClaimsRepo, chunk: ClaimChunkRecord, organizationId?: string): Promise<boolean> {
  claims.beginReconcile(chunk.id)
  failpoint('mid_reconcile')
  let result
  try {
    result = await reconcileDevices(client, chunk.request.projectId, chunk.request.expectedDeviceIds, organizationId)
  } catch (err) {
    claims.abortReconcile(chunk.id, err instanceof Error ? err.message : String(err))
    return false
  }
  const plan = planAfterReconcile(chunk.request, result)
  const devices: DeviceOutcome[] = [
    ...plan.done.map((d) => ({ deviceId: d, status: 'claimed' as const, code: 'reconciled', message: 'Claimed (confirmed with DT after an uncertain answer).' })),
    ...plan.parked.map((e) => ({ deviceId: e.deviceId, status: 'failed' as const, code: PARKED_CODE, message: parkedMessage(e.projectId) })),
    ...plan.notFound.map((d) => ({ deviceId: d, status: 'failed' as const, code: 'NOT_FOUND', message: 'DT does not know this device.' }))
  ]
  const rows = new Map(claims.devices(chunk.batchId).filter((d) => d.chunkId === chunk.id).map((d) => [d.deviceId, d]))
  const resend: NewChunk | null = plan.resend
    ? { request: plan.resend, devices: plan.resend.deviceIds.map((d) => ({ deviceId: d, kitId: rows.get(d)?.kitId ?? null, itemId: rows.get(d)?.itemId ?? null })) }
    : null
  claims.finishReconcile(chunk.id, { reconcile: result, devices, resend })
  return true
}
