import type { Flag, Item, ItemState, SessionSummary } from '../../../shared/contract'
import * as F from './flags'
import type { DeviceResult, KitInfo } from './types'

/** Claim result state → preview state (a parked device shows as claimed elsewhere). */
export const RESULT_STATE: Record<DeviceResult['state'], ItemState> = {
  sending: 'sending',
  unknown: 'unknown',
  claimed: 'claimed',
  parked: 'claimed_elsewhere',
  failed: 'failed',
  not_found: 'not_found'
}

export interface KitCardInput {
  base: Pick<Item, 'id' | 'identifier' | 'scannedAt' | 'source' | 'scannerId'>
  kit: KitInfo
  /** Flags already decided by the caller (duplicate, drift). */
  flags: Flag[]
  results: ReadonlyMap<string, DeviceResult>
  claimedHere: (deviceId: string) => boolean
  /** True when the device was scanned on its own before this kit (merged into the card). */
  scannedBefore: (deviceId: string) => boolean
  manifestKits: ReadonlySet<string> | null
  context: { projectId: string; projectName?: string; reference: string | null }
}

export interface KitCard {
  item: Item
  delta: Partial<Record<keyof SessionSummary, number>>
  /** Members when the kit goes as a whole (`kitIds`), else null. */
  wholeKit: string[] | null
  /** Members that go as single devices (partial kit). */
  deviceIds: string[]
  /** Members a "retry failed only" would send. */
  retryIds: string[]
}

/**
 * One kit card: member states, the kit's own state, its flags and what a claim sends. Only an
 * untouched kit is sent as a kit ID (DT claims a kit as a whole); otherwise its unclaimed
 * members go as device IDs. Pure.
 */
export function kitCard(input: KitCardInput): KitCard {
  const { kit, flags } = input
  const delta: KitCard['delta'] = { kits: 1 }
  const add = (k: keyof SessionSummary, n = 1) => (delta[k] = (delta[k] ?? 0) + n)
  const stateOf = (deviceId: string, isClaimed: boolean): ItemState => {
    const r = input.results.get(deviceId)
    if (r) return RESULT_STATE[r.state]
    if (isClaimed) return input.claimedHere(deviceId) ? 'claimed_here' : 'claimed_elsewhere'
    return 'to_claim'
  }
  const members = kit.devices.map((d) => ({ deviceId: d.deviceId, deviceType: d.deviceType, productNumber: d.productNumber, state: stateOf(d.deviceId, d.isClaimed) }))
  const by = (st: ItemState) => members.filter((m) => m.state === st).map((m) => m.deviceId)
  for (const m of members) {
    if (m.state === 'claimed_here' || m.state === 'claimed_elsewhere') add('alreadyClaimed')
    else if (m.state === 'claimed') add('claimed')
    else if (m.state === 'failed') add('failed')
  }
  const toClaim = by('to_claim')
  const failed = by('failed')
  const here = by('claimed_here')
  const elsewhere = by('claimed_elsewhere')
  const prior = here.length + elsewhere.length
  const merged = members.filter((m) => input.scannedBefore(m.deviceId)).map((m) => m.deviceId)
  if (merged.length) flags.push(F.mergedIntoKitFlag(merged))
  if (prior > 0 && toClaim.length + failed.length > 0) flags.push(F.partialKitFlag(prior, members.length, toClaim.length + failed.length))
  if (here.length) flags.push(F.claimedHereFlag(here.length))
  if (elsewhere.length) flags.push(F.claimedElsewhereFlag(elsewhere, input.context))
  if (failed.length) flags.push(F.claimErrorFlag(null, `${failed.length} device(s) of this kit failed to claim.`, []))
  if (input.manifestKits && !input.manifestKits.has(kit.kitId)) flags.push(F.unexpectedFlag())

  const kitResult = input.results.get(kit.kitId)
  const has = (st: ItemState) => members.some((m) => m.state === st)
  let state: ItemState
  if (has('sending')) state = 'sending'
  else if (has('unknown')) state = 'unknown'
  else if (has('failed')) state = 'failed'
  else if (has('to_claim') || members.length === 0) state = kitResult ? RESULT_STATE[kitResult.state] : 'to_claim'
  else if (has('claimed')) state = elsewhere.length ? 'claimed_elsewhere' : 'claimed'
  else if (elsewhere.length) state = 'claimed_elsewhere'
  else if (has('not_found') && here.length === 0) state = 'not_found'
  else state = 'claimed_here'
  if (state === 'not_found') {
    add('notFound')
    flags.push(F.notFoundFlag('kit'))
  }

  let wholeKit: string[] | null = null
  let deviceIds: string[] = []
  // DT listed no members (inferred possible for odd kits): send the kit ID, count unknown.
  if ((members.length > 0 && toClaim.length === members.length) || (members.length === 0 && state === 'to_claim')) wholeKit = toClaim
  else deviceIds = toClaim

  const item: Item = {
    ...input.base,
    kind: 'kit',
    state,
    flags,
    kit: {
      displayName: kit.displayName,
      total: members.length,
      claimedCount: prior + by('claimed').length,
      sensors: kit.sensors,
      cloudConnectors: kit.cloudConnectors,
      members
    },
    device: null,
    result: kitResult ? { code: kitResult.code, message: kitResult.message } : null
  }
  return { item, delta, wholeKit, deviceIds, retryIds: failed }
}
