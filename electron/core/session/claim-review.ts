import { randomUUID } from 'node:crypto'
import type { Review } from '../../../shared/contract'
import { DtApiError } from '../claiming/errors'
import type { DtClient } from '../claiming/types'
import type { ItemRecord } from '../store/types'
import { planHash } from './claim-chunks'
import type { EngineContext } from './engine-context'
import type { SessionModel } from './session-model'
import type { ClaimPlan, Lookup } from './types'

/** A review kept in memory until confirmed (a restart simply asks for a new review). */
export interface StoredReview {
  review: Review
  planHash: string
  mode: 'new' | 'failed'
}

/** Why a claim cannot start yet, or null. */
export function blockedReason(m: SessionModel, plan: ClaimPlan, runnerBusy: boolean): string | null {
  const s = m.preview().summary
  if (runnerBusy || m.session.status === 'committing') return 'A claim is already running for this session; wait for it to finish.'
  if (m.session.status === 'paused') return 'The session is paused: resume it first.'
  if (s.pending > 0) return `${s.pending} item(s) are still being checked with DT. Claiming is enabled when every item is checked.`
  if (plan.deviceCount === 0 && plan.kitIds.length === 0) return 'Nothing to claim.'
  return null
}

/**
 * The final dry-run of exactly what will be sent (two-phase claim, operators.md §3.2). Devices
 * DT now reports claimed or unknown are drift: their lookups are updated (so the preview and
 * the plan leave them out) and listed for the operator.
 */
export async function runReview(ctx: EngineContext, client: DtClient | null, m: SessionModel, mode: 'new' | 'failed', runnerBusy: boolean): Promise<StoredReview> {
  m.reload()
  const pick = () => (mode === 'new' ? m.preview().plan : m.preview().retryPlan)
  let plan = pick()
  let blocked = blockedReason(m, plan, runnerBusy)
  const drift: Review['drift'] = []
  if (!blocked && client) {
    try {
      drift.push(...(await dryRunDrift(ctx, client, m, plan)))
    } catch (err) {
      blocked = `DT could not be reached for the final check: ${err instanceof Error ? err.message : String(err)}`
    }
    plan = pick()
    if (!blocked) blocked = blockedReason(m, plan, runnerBusy)
  } else if (!blocked && !client) blocked = 'No DT credentials are configured.'
  const s = m.session
  const review: Review = {
    reviewId: randomUUID(),
    sessionId: s.id,
    projectId: s.projectId,
    projectName: s.projectName,
    organizationId: s.organizationId,
    deviceCount: plan.deviceCount,
    kitCount: plan.kitIds.length,
    drift,
    blockedReason: blocked
  }
  return { review, planHash: planHash(plan), mode }
}

async function dryRunDrift(ctx: EngineContext, client: DtClient, m: SessionModel, plan: ClaimPlan): Promise<Review['drift']> {
  const size = ctx.deps.settings.current().chunkSize
  const claimedNow = new Set<string>()
  const missing = new Set<string>()
  const kitsMissing = new Set<string>()
  const units: { kitIds: string[]; deviceIds: string[] }[] = []
  let cur = { kitIds: [] as string[], deviceIds: [] as string[] }
  let n = 0
  const push = (weight: number, add: () => void) => {
    if (n + weight > size && n > 0) {
      units.push(cur)
      cur = { kitIds: [], deviceIds: [] }
      n = 0
    }
    add()
    n += weight
  }
  for (const k of plan.kitIds) push(Math.max(1, plan.kitMembers[k]?.length ?? 1), () => cur.kitIds.push(k))
  for (const d of plan.deviceIds) push(1, () => cur.deviceIds.push(d))
  if (n > 0) units.push(cur)
  for (const u of units) {
    const res = await client.claim(m.session.projectId, { ...(u.kitIds.length ? { kitIds: u.kitIds } : {}), ...(u.deviceIds.length ? { deviceIds: u.deviceIds } : {}) }, { dryRun: true })
    for (const e of res.errors) {
      if (e.kind === 'kit') kitsMissing.add(e.id)
      else if (e.code === 'NOT_FOUND') missing.add(e.id)
      else claimedNow.add(e.id)
    }
  }
  const drift: Review['drift'] = []
  const updates: [ItemRecord, Lookup][] = []
  for (const [key, it] of m.items) {
    const l = it.lookup as Lookup | null
    if (!l) continue
    if (l.status === 'kit') {
      if (kitsMissing.has(key)) {
        updates.push([it, { status: 'not_found' }])
        drift.push({ identifier: key, message: 'DT no longer knows this kit.' })
        continue
      }
      const changed = l.kit.devices.filter((d) => !d.isClaimed && claimedNow.has(d.deviceId)).map((d) => d.deviceId)
      if (changed.length) {
        updates.push([it, { ...l, kit: { ...l.kit, devices: l.kit.devices.map((d) => (changed.includes(d.deviceId) ? { ...d, isClaimed: true } : d)) } }])
        drift.push({ identifier: key, message: `${changed.length} device(s) of this kit were claimed by someone else since scanning: ${changed.join(', ')}` })
      }
    } else if (l.status === 'device' && !l.isClaimed && claimedNow.has(key)) {
      updates.push([it, { ...l, isClaimed: true }])
      drift.push({ identifier: key, message: 'Claimed by someone else since it was scanned.' })
    } else if (l.status === 'device' && missing.has(key)) {
      updates.push([it, { status: 'not_found' }])
      drift.push({ identifier: key, message: 'DT no longer knows this device.' })
    }
  }
  if (updates.length) {
    const rows = ctx.deps.store.transaction(() => updates.map(([it, l]) => ctx.deps.store.items.update(it.id, { lookup: l }, { eventType: 'claim.drift', outcome: 'drift', subject: it.identifier, payload: { lookup: l } })))
    for (const r of rows) m.items.set(r.kind === 'problem' ? r.id : r.identifier, r)
    for (const d of drift) m.drift.set(d.identifier, d.message)
    m.invalidate()
    ctx.publish(m)
  }
  return drift
}

/** True when an error means DT was not reachable (not a refusal). */
export function isUnreachable(err: unknown): boolean {
  return !(err instanceof DtApiError) || err.kind === 'unavailable' || err.kind === 'rate_limited'
}
