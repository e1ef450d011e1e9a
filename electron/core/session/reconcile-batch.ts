import { DtApiError } from '../claiming/errors'
import { reconcile, type ReconcileResult } from '../claiming/reconcile'
import type { DtClient } from '../claiming/types'

/**
 * Reconcile an ambiguous chunk in a few requests instead of one claimInfo per device:
 * 1. list the target project filtered by the chunk's device IDs → landed (done);
 * 2. ONE dry-run claim of the rest → `claimedDevices` are still unclaimed (may be re-sent),
 *    ALREADY_CLAIMED are claimed somewhere else (parked), NOT_FOUND unknown;
 * 3. whatever the dry run does not mention goes through claiming/reconcile.ts (claimInfo each).
 * A dry run changes nothing at DT, so this is safe to repeat. Throws when DT cannot be asked.
 */
export async function reconcileChunk(client: DtClient, projectId: string, deviceIds: readonly string[], organizationId?: string): Promise<ReconcileResult> {
  const unique = [...new Set(deviceIds)]
  const result: ReconcileResult = { inTarget: [], elsewhere: [], unclaimed: [], notFound: [] }
  const landed = new Set((await client.listProjectDevices(projectId, unique)).filter((d) => d.projectId === projectId).map((d) => d.deviceId))
  const rest = unique.filter((d) => !landed.has(d))
  result.inTarget.push(...unique.filter((d) => landed.has(d)))
  if (rest.length === 0) return result
  let dry
  try {
    dry = await client.claim(projectId, { deviceIds: rest }, { dryRun: true })
  } catch (err) {
    if (err instanceof DtApiError && err.kind === 'bad_request') return merge(result, await reconcile(client, projectId, rest, { organizationId }))
    throw err
  }
  const told = new Set<string>()
  const restSet = new Set(rest)
  for (const d of dry.claimedDevices) {
    if (!restSet.has(d.deviceId) || told.has(d.deviceId)) continue
    told.add(d.deviceId)
    result.unclaimed.push(d.deviceId)
  }
  const unclear: string[] = []
  for (const e of dry.errors) {
    if (e.kind !== 'device' || !restSet.has(e.id) || told.has(e.id)) continue
    told.add(e.id)
    if (e.code === 'NOT_FOUND') result.notFound.push(e.id)
    else if (e.code === 'ALREADY_CLAIMED') unclear.push(e.id)
    else unclear.push(e.id)
  }
  for (const d of rest) if (!told.has(d)) unclear.push(d)
  // Claimed somewhere: claiming/reconcile.ts locates each (and re-checks the target).
  if (unclear.length) return merge(result, await reconcile(client, projectId, unclear, { organizationId }))
  return result
}

function merge(a: ReconcileResult, b: ReconcileResult): ReconcileResult {
  return {
    inTarget: [...a.inTarget, ...b.inTarget],
    elsewhere: [...a.elsewhere, ...b.elsewhere],
    unclaimed: [...a.unclaimed, ...b.unclaimed],
    notFound: [...a.notFound, ...b.notFound]
  }
}
