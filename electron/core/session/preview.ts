import type { Flag, Item, ItemState, SessionSummary } from '../../../shared/contract'
import { guidanceForItemCode } from '../claiming/errors'
import * as F from './flags'
import { kitCard, RESULT_STATE } from './preview-kit'
import type { ClaimPlan, DeviceResult, Lookup, ScanRecord } from './types'

/** Everything the preview is computed from; all of it comes from database rows. */
export interface PreviewInput {
  /** Live (not removed) scans in scan order. */
  scans: readonly ScanRecord[]
  lookups: ReadonlyMap<string, Lookup>
  /** Claim results per device ID (and per kit ID for kit-level errors). */
  results: ReadonlyMap<string, DeviceResult>
  /** True when this station's database says it claimed the device (any session). */
  claimedHere: (deviceId: string) => boolean
  /** Duplicate policy 'ever': true when the identifier was scanned in another session. */
  seenInOtherSession?: (identifier: string) => boolean
  /** Identifiers whose DT state changed at review time → message. */
  drift?: ReadonlyMap<string, string>
  /** Kit IDs of an imported manifest, or null when none was imported. */
  manifestKits?: ReadonlySet<string> | null
  context: { projectId: string; projectName?: string; reference: string | null }
  /**
   * Optional per-item cache owned by the caller (one per session). Loose devices and problems
   * whose inputs did not change reuse their previous item, so a scan costs O(changed items)
   * allocations instead of rebuilding thousands of rows (kits are few and always rebuilt).
   */
  memo?: PreviewMemo
}

/** See {@link PreviewInput.memo}. Create with `new Map()`. */
export type PreviewMemo = Map<string, MemoEntry>

interface MemoEntry {
  sig: string
  item: Item
  delta: Partial<Record<keyof SessionSummary, number>>
  plan: string | null
  retry: string | null
}

const PENDING: Lookup = { status: 'pending', attempts: 0, lastError: null }
const tokens = new WeakMap<object, number>()
let nextToken = 1
/** A stable number per object identity (lookups and results are replaced, never mutated). */
function tok(o: object | undefined): number {
  if (!o) return 0
  let t = tokens.get(o)
  if (t === undefined) {
    t = nextToken++
    tokens.set(o, t)
  }
  return t
}

export interface Preview {
  /** Newest first. */
  items: Item[]
  summary: SessionSummary
  /** What "Claim N devices" would send now. */
  plan: ClaimPlan
  /** What "retry failed only" would send now. */
  retryPlan: ClaimPlan
}

interface Group {
  first: ScanRecord
  count: number
}

const emptyPlan = (): ClaimPlan => ({ kitIds: [], kitMembers: {}, deviceIds: [], deviceCount: 0 })

/**
 * Turn the session's scans plus DT's answers into preview items, the summary and the claim plan.
 * Pure: no I/O, no clock. Rules (docs/session.md): duplicates count once; a device that belongs
 * to a kit in the session is `covered` (sent once, with the kit); a kit scanned after some of its
 * devices absorbs them; a partially claimed kit sends only its unclaimed members as device IDs;
 * "already claimed" is split by this station's own records into claimed_here / claimed_elsewhere.
 */
export function buildPreview(input: PreviewInput): Preview {
  const groups = new Map<string, Group>()
  for (const s of input.scans) {
    const key = s.kind === 'invalid' ? `invalid:${s.id}` : s.identifier
    const g = groups.get(key)
    if (g) g.count++
    else groups.set(key, { first: s, count: 1 })
  }

  // Kit membership of every kit in the session whose lookup came back.
  const memberOf = new Map<string, { kitId: string; seq: number }>()
  for (const [key, g] of groups) {
    const l = input.lookups.get(key)
    if (g.first.kind !== 'invalid' && l?.status === 'kit') {
      for (const d of l.kit.devices) if (!memberOf.has(d.deviceId)) memberOf.set(d.deviceId, { kitId: key, seq: g.first.seq })
    }
  }

  const summary: SessionSummary = {
    kits: 0,
    devicesToClaim: 0,
    alreadyClaimed: 0,
    notFound: 0,
    duplicates: 0,
    pending: 0,
    invalid: 0,
    claimed: 0,
    failed: 0
  }
  const plan = emptyPlan()
  const retryPlan = emptyPlan()
  const items: Item[] = []

  const seenKeys = new Set<string>()
  for (const [key, g] of groups) {
    const s = g.first
    const lookup = s.kind === 'invalid' ? PENDING : (input.lookups.get(key) ?? PENDING)
    if (lookup.status === 'kit') {
      const flags: Flag[] = []
      const ever = input.seenInOtherSession?.(key) ?? false
      if (g.count > 1 || ever) {
        summary.duplicates += g.count - 1 + (ever ? 1 : 0)
        flags.push(F.duplicateFlag(g.count - 1, ever ? 'earlier' : null))
      }
      const drift = input.drift?.get(key)
      if (drift) flags.push(F.driftFlag(drift))
      const card = kitCard({
        base: { id: s.itemId ?? s.id, identifier: s.identifier, scannedAt: s.at, source: s.source, scannerId: s.scannerId },
        kit: lookup.kit,
        flags,
        results: input.results,
        claimedHere: input.claimedHere,
        scannedBefore: (deviceId) => {
          const o = groups.get(deviceId)
          return o !== undefined && o.first.kind === 'device' && o.first.seq < g.first.seq
        },
        manifestKits: input.manifestKits ?? null,
        context: input.context
      })
      for (const k in card.delta) summary[k as keyof SessionSummary] += card.delta[k as keyof SessionSummary] ?? 0
      if (card.wholeKit) {
        plan.kitIds.push(lookup.kit.kitId)
        plan.kitMembers[lookup.kit.kitId] = card.wholeKit
        plan.deviceCount += card.wholeKit.length
      }
      addDevices(plan, card.deviceIds)
      addDevices(retryPlan, card.retryIds)
      items.push(card.item)
      continue
    }
    const ever = s.kind !== 'invalid' && (input.seenInOtherSession?.(key) ?? false)
    const drift = s.kind === 'invalid' ? undefined : input.drift?.get(key)
    const ownResult = s.kind === 'invalid' ? undefined : input.results.get(key)
    const owner = s.kind === 'device' ? memberOf.get(key) : undefined
    const here = lookup.status === 'device' && lookup.isClaimed && !ownResult ? input.claimedHere(key) : false
    const sig = `${s.id}|${s.itemId ?? ''}|${g.count}|${ever ? 1 : 0}|${drift ?? ''}|${tok(lookup)}|${tok(ownResult)}|${owner?.kitId ?? ''}|${here ? 1 : 0}|${input.manifestKits ? 1 : 0}`
    let entry = input.memo?.get(key)
    if (!entry || entry.sig !== sig) {
      entry = looseEntry(s, g, key, lookup, ever, drift, ownResult, owner, here, sig)
      input.memo?.set(key, entry)
    }
    seenKeys.add(key)
    for (const k in entry.delta) summary[k as keyof SessionSummary] += entry.delta[k as keyof SessionSummary] ?? 0
    if (entry.plan !== null) addDevices(plan, [entry.plan])
    if (entry.retry !== null) addDevices(retryPlan, [entry.retry])
    items.push(entry.item)
  }
  if (input.memo) for (const k of input.memo.keys()) if (!seenKeys.has(k)) input.memo.delete(k)

  function looseEntry(
    s: ScanRecord,
    g: Group,
    key: string,
    lookup: Lookup,
    ever: boolean,
    drift: string | undefined,
    ownResult: DeviceResult | undefined,
    owner: { kitId: string } | undefined,
    here: boolean,
    sig: string
  ): MemoEntry {
    const base = { id: s.itemId ?? s.id, identifier: s.identifier, scannedAt: s.at, source: s.source, scannerId: s.scannerId }
    const delta: MemoEntry['delta'] = {}
    const add = (k: keyof SessionSummary, n = 1) => (delta[k] = (delta[k] ?? 0) + n)
    if (s.kind === 'invalid') {
      add('invalid')
      return { sig, delta, plan: null, retry: null, item: { ...base, kind: 'problem', state: 'invalid', flags: [F.invalidFlag(s.reason ?? 'Not a DT code.')], kit: null, device: null, result: null } }
    }
    const flags: Flag[] = []
    if (g.count > 1 || ever) {
      add('duplicates', g.count - 1 + (ever ? 1 : 0))
      flags.push(F.duplicateFlag(g.count - 1, ever ? 'earlier' : null))
    }
    if (drift) flags.push(F.driftFlag(drift))
    const kind = s.kind
    if (owner && owner.kitId !== key) {
      flags.push(F.coveredByKitFlag(owner.kitId))
      const d = lookup.status === 'device' ? lookup : null
      return { sig, delta, plan: null, retry: null, item: { ...base, kind: 'device', state: 'covered', flags, kit: null, device: { deviceType: d?.deviceType ?? '', productNumber: d?.productNumber ?? '', kitId: owner.kitId }, result: null } }
    }
    let state: ItemState
    if (lookup.status === 'pending') {
      state = 'pending'
      flags.push(F.lookupPendingFlag())
    } else if (lookup.status === 'failed') {
      state = 'lookup_failed'
      flags.push(F.lookupFailedFlag(lookup.lastError, lookup.attempts))
    } else if (lookup.status === 'not_found') {
      state = 'not_found'
      flags.push(F.notFoundFlag(kind === 'kit' ? 'kit' : 'device'))
    } else if (lookup.status === 'device') {
      state = ownResult ? RESULT_STATE[ownResult.state] : lookup.isClaimed ? (here ? 'claimed_here' : 'claimed_elsewhere') : 'to_claim'
    } else state = 'pending'
    if (state === 'pending' || state === 'lookup_failed') add('pending')
    if (state === 'not_found') add('notFound')
    let planned: string | null = null
    let retry: string | null = null
    if (lookup.status === 'device') {
      if (state === 'claimed_here' || state === 'claimed_elsewhere') add('alreadyClaimed')
      else if (state === 'claimed') add('claimed')
      else if (state === 'failed') add('failed')
      if (state === 'claimed_here') flags.push(F.claimedHereFlag(1))
      if (state === 'claimed_elsewhere') flags.push(F.claimedElsewhereFlag([key], input.context))
      if (state === 'to_claim') planned = key
      if (state === 'failed') retry = key
    }
    if (ownResult && (ownResult.state === 'failed' || ownResult.state === 'parked'))
      flags.push(F.claimErrorFlag(ownResult.code, ownResult.message, guidanceForItemCode(ownResult.code ?? '')))
    const item: Item = {
      ...base,
      kind: 'device',
      state,
      flags,
      kit: null,
      device: lookup.status === 'device' ? { deviceType: lookup.deviceType, productNumber: lookup.productNumber, kitId: null } : null,
      result: ownResult ? { code: ownResult.code, message: ownResult.message } : null
    }
    return { sig, delta, plan: planned, retry, item }
  }

  summary.devicesToClaim = plan.deviceCount
  items.reverse()
  return { items, summary, plan, retryPlan }
}

function addDevices(plan: ClaimPlan, ids: readonly string[]): void {
  for (const id of ids) plan.deviceIds.push(id)
  plan.deviceCount += ids.length
}
