import { createHash } from 'node:crypto'
import type { NewChunk } from '../store/types'
import type { ClaimPlan } from './types'

/**
 * Split a claim plan into POST-sized chunks. A kit counts as its member devices (DT claims them
 * all), a loose device as one; a kit larger than the chunk size travels alone. Pure.
 */
export function chunkPlan(
  plan: ClaimPlan,
  projectId: string,
  chunkSize: number,
  itemIdOf: (identifier: string) => string | null,
  kitOfDevice: (deviceId: string) => string | null
): NewChunk[] {
  const size = Math.max(1, chunkSize)
  const chunks: NewChunk[] = []
  let cur: NewChunk | null = null
  let curSize = 0
  const open = (): NewChunk => {
    const c: NewChunk = { request: { projectId, kitIds: [], deviceIds: [], expectedDeviceIds: [] }, devices: [] }
    chunks.push(c)
    curSize = 0
    return c
  }
  for (const kitId of plan.kitIds) {
    const members = plan.kitMembers[kitId] ?? []
    const weight = Math.max(1, members.length)
    if (!cur || curSize + weight > size) cur = open()
    cur.request.kitIds.push(kitId)
    for (const d of members) {
      cur.request.expectedDeviceIds.push(d)
      cur.devices.push({ deviceId: d, kitId, itemId: itemIdOf(kitId) })
    }
    curSize += weight
  }
  for (const d of plan.deviceIds) {
    if (!cur || curSize + 1 > size) cur = open()
    cur.request.deviceIds.push(d)
    cur.request.expectedDeviceIds.push(d)
    const kitId = kitOfDevice(d)
    cur.devices.push({ deviceId: d, kitId, itemId: itemIdOf(kitId ?? d) ?? itemIdOf(d) })
    curSize++
  }
  return chunks
}

/** Stable hash of a plan: what the review froze must be exactly what confirm sends. */
export function planHash(plan: ClaimPlan): string {
  const canon = JSON.stringify({ k: [...plan.kitIds].sort(), d: [...plan.deviceIds].sort(), m: Object.keys(plan.kitMembers).sort().map((k) => [k, [...(plan.kitMembers[k] ?? [])].sort()]) })
  return createHash('sha256').update(canon).digest('hex')
}
