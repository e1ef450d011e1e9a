import { z } from 'zod'
import type { ClaimBatchRequest } from './claim-batch'
import { DtApiError } from './errors'
import type { DtClient } from './types'

/**
 * Where DT says each device of an ambiguous batch stands now. Every input device lands in
 * exactly one list. Persist it as the batch's `reconciled` payload.
 */
export const reconcileResultSchema = z.object({
  /** Claimed into the target project: done, never re-sent. */
  inTarget: z.array(z.string()),
  /** Claimed, but not into the target project. `projectId` null = not visible to this account
   * (e.g. another organization). Parked for a human; never retried. */
  elsewhere: z.array(z.object({ deviceId: z.string(), projectId: z.string().nullable() })),
  /** Still unclaimed: the only devices that may go into a new attempt. */
  unclaimed: z.array(z.string()),
  /** DT does not know the ID at all (claimInfo 404). */
  notFound: z.array(z.string())
})
export type ReconcileResult = z.infer<typeof reconcileResultSchema>

export interface ReconcileOptions {
  /** Passed to claimInfo as `organization=organizations/<id>`. */
  organizationId?: string
  /** Look claimed-elsewhere devices up with `projects/-/devices/<id>` to name their project (default true). */
  locateElsewhere?: boolean
}

/**
 * Ask DT where each device is. One listing of the target project filtered by `device_ids`
 * finds the devices that landed; claimInfo (`isClaimed`) classifies the rest, one request
 * each, so this costs about 1 + n/100 + (devices not in target) requests under the limiter.
 * Throws DtApiError when DT cannot be asked (the batch then stays `unknown`).
 */
export async function reconcile(
  client: DtClient,
  projectId: string,
  deviceIds: readonly string[],
  options: ReconcileOptions = {}
): Promise<ReconcileResult> {
  const unique = [...new Set(deviceIds)]
  const listed = await client.listProjectDevices(projectId, unique)
  const inTargetSet = new Set(listed.filter((d) => d.projectId === projectId).map((d) => d.deviceId))
  const result: ReconcileResult = { inTarget: [], elsewhere: [], unclaimed: [], notFound: [] }
  for (const deviceId of unique) {
    if (inTargetSet.has(deviceId)) {
      result.inTarget.push(deviceId)
      continue
    }
    let info
    try {
      info = await client.claimInfo(deviceId, options.organizationId)
    } catch (err) {
      if (err instanceof DtApiError && err.kind === 'not_found') {
        result.notFound.push(deviceId)
        continue
      }
      throw err
    }
    const isClaimed = info.type === 'DEVICE' ? info.device.isClaimed : info.kit.devices.find((d) => d.deviceId === deviceId)?.isClaimed
    if (!isClaimed) {
      result.unclaimed.push(deviceId)
      continue
    }
    const where = options.locateElsewhere === false ? null : await locate(client, deviceId)
    // The target listing and the lookup can race DT's propagation; trust the later answer.
    if (where === projectId) result.inTarget.push(deviceId)
    else result.elsewhere.push({ deviceId, projectId: where })
  }
  return result
}

async function locate(client: DtClient, deviceId: string): Promise<string | null> {
  try {
    return (await client.getDevice('-', deviceId)).projectId
  } catch (err) {
    if (err instanceof DtApiError && (err.kind === 'not_found' || err.kind === 'forbidden')) return null
    throw err
  }
}

/** What the engine does after reconciling: mark done, park, and (maybe) one new batch. */
export interface ReconcilePlan {
  done: string[]
  parked: ReconcileResult['elsewhere']
  notFound: string[]
  /** A new batch with only the still-unclaimed devices (sent as device IDs), or null. */
  resend: ClaimBatchRequest | null
}

/** Turn a reconcile result into the next steps for an ambiguous batch. Pure. */
export function planAfterReconcile(batch: ClaimBatchRequest, result: ReconcileResult): ReconcilePlan {
  const resend =
    result.unclaimed.length > 0
      ? { projectId: batch.projectId, kitIds: [], deviceIds: [...result.unclaimed], expectedDeviceIds: [...result.unclaimed] }
      : null
  return { done: [...result.inTarget], parked: [...result.elsewhere], notFound: [...result.notFound], resend }
}
