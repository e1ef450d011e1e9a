import type { Item, Session, SessionView } from '../../../shared/contract'
import type { ClaimDeviceRecord, ItemRecord, SessionRecord, Store } from '../store/types'
import { buildPreview, type Preview, type PreviewMemo } from './preview'
import type { DeviceResult, Lookup, ScanRecord } from './types'

/** What the engine keeps in an item row's `data` JSON. */
export interface ItemData {
  seenElsewhere?: boolean
}

const ITEM_KINDS = new Set(['device', 'kit', 'identifier', 'invalid'])

/**
 * The engine's in-memory view of one session, loaded from and kept in step with the database
 * (it is only ever changed after a commit returned). It exists so the scan hot path does not
 * re-read thousands of rows per scan; `reload()` rebuilds it from the database at any time.
 */
export class SessionModel {
  session: SessionRecord
  scans: ScanRecord[] = []
  /** Live item rows by identifier (invalid items by their id). */
  items = new Map<string, ItemRecord>()
  results = new Map<string, DeviceResult>()
  claimedHere = new Set<string>()
  drift = new Map<string, string>()
  manifestKits: Set<string> | null = null
  /** Error hold: set after a problem scan, cleared by ACK. Not persisted (a restart clears it). */
  held = false
  /** REMOVE NEXT was scanned: the next item scan removes instead of adds. */
  removeNext = false
  private cached: Preview | null = null
  private readonly memo: PreviewMemo = new Map()
  private signatures = new Map<string, string>()
  /** Last item object diffed per id: an unchanged (memoized) object needs no signature. */
  private lastItem = new Map<string, Item>()

  constructor(
    private readonly store: Store,
    session: SessionRecord
  ) {
    this.session = session
    this.reload()
  }

  reload(): void {
    const s = this.store
    this.session = s.sessions.require(this.session.id)
    this.scans = s.scans.list(this.session.id).filter((r) => ITEM_KINDS.has(r.kind)).map(toScan)
    this.items.clear()
    for (const it of s.items.list(this.session.id)) this.items.set(keyOf(it), it)
    this.claimedHere = new Set()
    this.reloadResults()
    this.refreshClaimedHere(this.deviceIds())
    const m = s.manifests.latest(this.session.id)
    this.manifestKits = m ? new Set(m.rows.map((r) => r.kitId)) : null
    this.cached = null
  }

  /** Re-read claim outcomes (after a chunk finished) and this station's claimed-here facts. */
  reloadResults(): void {
    const previous = new Map(this.results)
    this.results.clear()
    const batches = this.store.claims.listBatches(this.session.id).slice().reverse() // oldest first
    for (const b of batches) {
      const chunkState = new Map(this.store.claims.chunks(b.id).map((c) => [c.id, c.state]))
      for (const d of this.store.claims.devices(b.id)) {
        const r = resultOf(d, chunkState.get(d.chunkId))
        const p = previous.get(d.deviceId)
        // Keep the old object when nothing changed: the preview memo keys on object identity.
        if (r) this.results.set(d.deviceId, p && p.state === r.state && p.code === r.code && p.message === r.message && p.batchId === r.batchId ? p : r)
        else this.results.delete(d.deviceId)
      }
    }
    // Devices this batch just claimed are claimed here too; the full per-device query runs only
    // on reload (it is one indexed read per device).
    for (const [id, r] of this.results) if (r.state === 'claimed') this.claimedHere.add(id)
    this.cached = null
  }

  /** Re-check "claimed earlier by this station" for some devices (new lookups, new kit members). */
  refreshClaimedHere(deviceIds: readonly string[]): void {
    if (deviceIds.length === 0) return
    for (const id of this.store.claims.claimedHere(deviceIds).keys()) this.claimedHere.add(id)
    this.cached = null
  }

  /** Every device ID in the session: loose scans plus kit members. */
  deviceIds(): string[] {
    const ids = new Set<string>()
    for (const [key, it] of this.items) {
      const l = it.lookup as Lookup | null
      if (l?.status === 'kit') for (const d of l.kit.devices) ids.add(d.deviceId)
      else if (it.kind !== 'problem') ids.add(key)
    }
    return [...ids]
  }

  lookupOf(identifier: string): Lookup | null {
    return (this.items.get(identifier)?.lookup as Lookup | null) ?? null
  }

  invalidate(): void {
    this.cached = null
  }

  preview(): Preview {
    if (this.cached) return this.cached
    const lookups = new Map<string, Lookup>()
    for (const [key, it] of this.items) if (it.lookup) lookups.set(key, it.lookup as Lookup)
    this.cached = buildPreview({
      scans: this.scans,
      lookups,
      results: this.results,
      claimedHere: (id) => this.claimedHere.has(id),
      // Decided once when the item was created (duplicate policy 'ever') and kept on the row.
      seenInOtherSession: (id) => (this.items.get(id)?.data as ItemData | null)?.seenElsewhere === true,
      drift: this.drift,
      manifestKits: this.manifestKits,
      context: { projectId: this.session.projectId, projectName: this.session.projectName, reference: this.session.reference },
      memo: this.memo
    })
    return this.cached
  }

  contractSession(): Session {
    return { ...this.session, summary: this.preview().summary }
  }

  view(): SessionView {
    return { session: this.contractSession(), items: this.preview().items }
  }

  /**
   * Items whose visible content changed since the last call, and ids that disappeared. A cheap
   * signature per item (not a deep compare) keeps this linear in the session size.
   */
  diff(): { upserts: Item[]; removed: string[] } {
    const upserts: Item[] = []
    const seen = new Set<string>()
    for (const item of this.preview().items) {
      seen.add(item.id)
      if (this.lastItem.get(item.id) === item) continue
      this.lastItem.set(item.id, item)
      const sig = signature(item)
      if (this.signatures.get(item.id) !== sig) {
        this.signatures.set(item.id, sig)
        upserts.push(item)
      }
    }
    const removed: string[] = []
    for (const id of this.signatures.keys()) if (!seen.has(id)) removed.push(id)
    for (const id of removed) {
      this.signatures.delete(id)
      this.lastItem.delete(id)
    }
    return { upserts, removed }
  }
}

export function keyOf(it: ItemRecord): string {
  return it.kind === 'problem' ? `invalid:${it.scanId ?? it.id}` : it.identifier
}

export function toScan(r: { id: string; sessionId: string; seq: number; kind: string; identifier: string; raw: string; reason: string | null; source: ScanRecord['source']; scannerId: string | null; at: string; itemId: string | null }): ScanRecord {
  const kind: ScanRecord['kind'] = r.kind === 'kit' ? 'kit' : r.kind === 'invalid' ? 'invalid' : 'device'
  return { id: r.id, sessionId: r.sessionId, seq: r.seq, kind, identifier: r.identifier, raw: r.raw, reason: r.reason, source: r.source, scannerId: r.scannerId, at: r.at, itemId: r.itemId }
}

/** Engine code for a device DT reports claimed into another project after an ambiguous claim. */
export const PARKED_CODE = 'parked_elsewhere'

function resultOf(d: ClaimDeviceRecord, chunkState: string | undefined): DeviceResult | null {
  const base = { code: d.code, batchId: d.batchId }
  switch (d.status) {
    case 'claimed':
      return { ...base, state: 'claimed', message: d.message ?? 'Claimed into the project.' }
    case 'pending':
      return { ...base, state: chunkState === 'unknown' || chunkState === 'reconciling' ? 'unknown' : 'sending', message: d.message ?? 'Claim in progress.' }
    case 'failed':
      if (d.code === 'NOT_FOUND') return { ...base, state: 'not_found', message: d.message ?? 'DT does not know this ID.' }
      if (d.code === PARKED_CODE || d.code === 'ALREADY_CLAIMED') return { ...base, state: 'parked', message: d.message ?? 'Claimed elsewhere.' }
      return { ...base, state: 'failed', message: d.message ?? 'Claim failed.' }
    default:
      return null
  }
}

function signature(item: Item): string {
  let s = `${item.state}|${item.result?.code ?? ''}|${item.result?.message ?? ''}|${item.device?.kitId ?? ''}|${item.device?.deviceType ?? ''}`
  for (const f of item.flags) s += `|${f.code}:${f.message.length}`
  if (item.kit) {
    s += `|${item.kit.total}:${item.kit.claimedCount}:`
    for (const m of item.kit.members) s += m.state.charAt(0) + m.state.length
  }
  return s
}
