import { randomUUID } from 'node:crypto'
import { DockError } from '../../../shared/contract'
import type { ControlCommand } from '../../../shared/payload'
import { parsePayload } from '../../../shared/payload'
import type { Item, ScanOutcome } from '../../../shared/contract'
import type { ItemRecord } from '../store/types'
import type { EngineContext } from './engine-context'
import { failpoint } from './failpoints'
import type { SessionModel } from './session-model'
import type { Lookup } from './types'

/** One scan from any input path. */
export interface IncomingScan {
  sessionId: string | null
  text: string
  source: ScanOutcome['source']
  scannerId: string | null
  aim: string | null
  at: Date
}

/** Outcomes that count as a problem: error beep, and error hold when enabled. */
const PROBLEM: ReadonlySet<ScanOutcome['outcome']> = new Set(['duplicate', 'invalid', 'already_claimed', 'not_found', 'held', 'error'])

export interface ScanIntake {
  submit(scan: IncomingScan): ScanOutcome
  /** Control actions that also exist as buttons (undo / remove item / pause). */
  removeItem(m: SessionModel, itemId: string, reason: string): void
  undoLast(m: SessionModel): string | null
}

/**
 * The scan hot path (reliability.md §5.1): parse → one transaction (scan row + audit row, and
 * the item row for a new identifier) → commit → only then the outcome (durable: true) and the
 * preview event. A failed commit is an 'error' outcome, never an acknowledgement.
 */
export function createScanIntake(ctx: EngineContext, onNewLookups: (sessionId: string) => void, lookupsOffline: () => boolean): ScanIntake {
  const { store, events } = ctx.deps

  function outcome(scan: IncomingScan, sessionId: string | null, display: string, o: ScanOutcome['outcome'], message: string, extra: Partial<ScanOutcome> = {}): ScanOutcome {
    return { sessionId, at: scan.at.toISOString(), source: scan.source, scannerId: scan.scannerId, display, outcome: o, message, guidance: [], itemId: null, durable: false, ...extra }
  }

  function finish(scan: IncomingScan, m: SessionModel | null, out: ScanOutcome): ScanOutcome {
    if (m && out.durable && ctx.deps.settings.current().feedback.errorHold && PROBLEM.has(out.outcome) && out.outcome !== 'held') m.held = true
    events.emit('scan.outcome', out)
    if (m && out.durable) ctx.publish(m)
    if (scan.source === 'hid' && scan.scannerId && PROBLEM.has(out.outcome)) ctx.deps.beepError(scan.scannerId)
    return out
  }

  function removeItem(m: SessionModel, itemId: string, reason: string): void {
    const entry = [...m.items.entries()].find(([, it]) => it.id === itemId)
    if (!entry) throw new DockError('not_found', `No item ${itemId.slice(0, 64)} in this session.`)
    const [key, item] = entry
    const scans = m.scans.filter((s) => (s.itemId ?? s.id) === itemId)
    store.transaction(() => {
      for (const s of scans) store.scans.markRemoved(s.id, reason)
      store.items.markRemoved(item.id, reason)
    })
    m.scans = m.scans.filter((s) => (s.itemId ?? s.id) !== itemId)
    m.items.delete(key)
    m.invalidate()
  }

  function undoLast(m: SessionModel): string | null {
    const last = m.scans[m.scans.length - 1]
    if (!last) return null
    const itemId = last.itemId ?? last.id
    const others = m.scans.filter((s) => s !== last && (s.itemId ?? s.id) === itemId)
    const key = last.kind === 'invalid' ? `invalid:${last.id}` : last.identifier
    const item = m.items.get(key)
    store.transaction(() => {
      store.scans.markRemoved(last.id, 'undo')
      if (others.length === 0 && item) store.items.markRemoved(item.id, 'undo')
    })
    m.scans.pop()
    if (others.length === 0) m.items.delete(key)
    m.invalidate()
    return last.identifier
  }

  function control(scan: IncomingScan, m: SessionModel, command: ControlCommand, display: string): ScanOutcome {
    store.scans.append({ sessionId: m.session.id, kind: 'control', identifier: command, raw: scan.text.slice(0, 4096), source: scan.source, scannerId: scan.scannerId, aim: scan.aim, at: scan.at.toISOString() })
    let message: string
    switch (command) {
      case 'ack':
        m.held = false
        message = 'Error acknowledged; scanning continues.'
        break
      case 'undo': {
        if (m.session.status !== 'open') {
          message = 'UNDO works only while the session is open.'
          break
        }
        const removed = undoLast(m)
        message = removed ? `Removed the last scan (${removed}).` : 'Nothing to undo.'
        break
      }
      case 'remove_next':
        if (m.session.status !== 'open') {
          message = 'REMOVE NEXT works only while the session is open.'
          break
        }
        m.removeNext = true
        message = 'The next item you scan will be removed.'
        break
      case 'cancel':
        m.removeNext = false
        message = 'Cancelled.'
        break
      case 'pause':
        if (m.session.status !== 'open') {
          message = m.session.status === 'paused' ? 'The session is already paused.' : 'Only an open session can be paused.'
          break
        }
        m.session = store.sessions.setStatus(m.session.id, 'paused')
        m.invalidate()
        message = 'Session paused; resume it to scan again.'
        break
      case 'commit':
        message = 'Opening the claim confirmation (nothing is claimed until you confirm).'
        break
    }
    events.emit('control.command', { sessionId: m.session.id, command })
    return outcome(scan, m.session.id, display, 'control', message, { durable: true })
  }

  function itemOutcome(scan: IncomingScan, m: SessionModel, item: Item | undefined, display: string, duplicate: boolean): ScanOutcome {
    const base = { durable: true, itemId: item?.id ?? null }
    const sid = m.session.id
    if (!item) return outcome(scan, sid, display, 'ok', 'Saved.', base)
    const flag = (code: string) => item.flags.find((f) => f.code === code)
    if (duplicate) return outcome(scan, sid, display, 'duplicate', flag('duplicate')?.message ?? 'Already scanned.', { ...base, guidance: flag('duplicate')?.guidance ?? [] })
    const withFlag = (o: ScanOutcome['outcome'], code: string, fallback: string) => outcome(scan, sid, display, o, flag(code)?.message ?? fallback, { ...base, guidance: flag(code)?.guidance ?? [] })
    // Duplicate policy 'ever': first scan in this session, but seen in an earlier one.
    if (flag('duplicate')) return withFlag('duplicate', 'duplicate', 'Scanned in an earlier session.')
    switch (item.state) {
      case 'invalid':
        return withFlag('invalid', 'invalid', 'Not a DT code.')
      case 'not_found':
        return withFlag('not_found', 'not_found', 'DT does not know this ID.')
      case 'claimed_elsewhere':
        return withFlag('already_claimed', 'already_claimed_elsewhere', 'Already claimed by someone else.')
      case 'pending':
      case 'lookup_failed':
        return lookupsOffline() ? withFlag('pending', 'lookup_pending', 'Saved; DT is not reachable, it will be checked later.') : outcome(scan, sid, display, 'ok', 'Saved; checking with DT.', base)
      case 'covered':
        return withFlag('ok', 'covered_by_kit', 'Part of a kit in this session.')
      default:
        if (flag('partial_kit')) return withFlag('partial_kit', 'partial_kit', 'Partially claimed kit.')
        return outcome(scan, sid, display, 'ok', item.state === 'claimed_here' ? 'Claimed earlier by this station: done.' : 'Saved.', base)
    }
  }

  function record(scan: IncomingScan, m: SessionModel, parsed: ReturnType<typeof parsePayload>): ScanOutcome {
    const sid = m.session.id
    const at = scan.at.toISOString()
    const raw = scan.text.slice(0, 4096)
    if (!parsed.ok) {
      const scanId = randomUUID()
      const r = store.transaction(() => {
        const item = store.items.insert({ sessionId: sid, kind: 'problem', identifier: parsed.display, state: 'invalid', scanId, source: scan.source, scannerId: scan.scannerId, scannedAt: at })
        const sc = store.scans.append({ id: scanId, sessionId: sid, kind: 'invalid', identifier: parsed.display, raw, reason: parsed.reason, source: scan.source, scannerId: scan.scannerId, aim: scan.aim, at, itemId: item.id }, { outcome: 'invalid' })
        return { item, sc }
      })
      failpoint('after_scan_commit')
      m.items.set(`invalid:${r.sc.id}`, r.item)
      m.scans.push({ id: r.sc.id, sessionId: sid, seq: r.sc.seq, kind: 'invalid', identifier: parsed.display, raw, reason: parsed.reason, source: scan.source, scannerId: scan.scannerId, at, itemId: r.item.id })
      m.invalidate()
      return outcome(scan, sid, parsed.display, 'invalid', parsed.reason, { durable: true, itemId: r.item.id, guidance: ['Scan the QR code on the DT label, or use the control sheet for commands.'] })
    }
    if (parsed.kind === 'control') throw new Error('unreachable')
    const id = parsed.id
    const existing = m.items.get(id)
    const { sc, created } = store.transaction(() => {
      let made: ItemRecord | null = null
      if (!existing) {
        const data = ctx.deps.settings.current().duplicatePolicy === 'ever' && seenInOtherSession(id, sid) ? { seenElsewhere: true } : {}
        made = store.items.insert({ sessionId: sid, kind: parsed.kind, identifier: id, state: 'pending', lookup: initialLookup(m, id), data, source: scan.source, scannerId: scan.scannerId, scannedAt: at })
      }
      const itemId = existing?.id ?? made?.id ?? null
      const row = store.scans.append({ sessionId: sid, kind: parsed.kind, identifier: id, raw, source: scan.source, scannerId: scan.scannerId, aim: scan.aim, at, itemId }, { outcome: existing ? 'duplicate' : 'accepted' })
      return { sc: row, created: made }
    })
    failpoint('after_scan_commit')
    if (created) {
      m.items.set(id, created)
      const l = created.lookup as Lookup | null
      if (l?.status === 'device' && l.isClaimed) m.refreshClaimedHere([id])
    }
    m.scans.push({ id: sc.id, sessionId: sid, seq: sc.seq, kind: parsed.kind, identifier: id, raw, reason: null, source: scan.source, scannerId: scan.scannerId, at, itemId: sc.itemId })
    m.invalidate()
    if (created && (m.lookupOf(id)?.status ?? 'pending') === 'pending') onNewLookups(sid)
    const item = m.preview().items.find((i) => i.id === (existing?.id ?? sc.itemId))
    return itemOutcome(scan, m, item, parsed.display, existing !== undefined)
  }

  function seenInOtherSession(identifier: string, sessionId: string): boolean {
    return store.items.seenInOtherSession(identifier, sessionId)
  }

  /** A device already listed as a member of a kit in the session needs no request of its own. */
  function initialLookup(m: SessionModel, deviceId: string): Lookup {
    for (const it of m.items.values()) {
      const l = it.lookup as Lookup | null
      if (l?.status !== 'kit') continue
      const d = l.kit.devices.find((x) => x.deviceId === deviceId)
      if (d) return { status: 'device', deviceType: d.deviceType, productNumber: d.productNumber, isClaimed: d.isClaimed }
    }
    return { status: 'pending', attempts: 0, lastError: null }
  }

  function submit(scan: IncomingScan): ScanOutcome {
    const parsed = parsePayload(scan.text, { aim: scan.aim })
    const display = parsed.display
    const m = scan.sessionId ? ctx.model(scan.sessionId) : null
    if (!m) return finish(scan, null, outcome(scan, null, display, 'error', 'No session is open: start or resume a session first.'))
    const sid = m.session.id
    try {
      if (parsed.ok && parsed.kind === 'control') return finish(scan, m, control(scan, m, parsed.command, display))
      if (m.session.status !== 'open') {
        const why = m.session.status === 'paused' ? 'The session is paused: resume it to scan.' : m.session.status === 'committing' ? 'A claim is running for this session.' : 'This session is finished.'
        return finish(scan, m, outcome(scan, sid, display, 'error', why))
      }
      if (m.held) {
        store.audit.append({ eventType: 'scan.held', outcome: 'held', subject: display, sessionId: sid, payload: { raw: scan.text.slice(0, 4096), scannerId: scan.scannerId } })
        return finish(scan, m, outcome(scan, sid, display, 'held', 'Refused: acknowledge the last error first (scan ACKNOWLEDGE ERROR).'))
      }
      if (m.removeNext && parsed.ok) {
        m.removeNext = false
        const item = m.items.get(parsed.id)
        if (!item) return finish(scan, m, outcome(scan, sid, display, 'control', 'REMOVE NEXT: this item is not in the session; nothing removed.', { durable: true }))
        removeItem(m, item.id, 'remove_next')
        return finish(scan, m, outcome(scan, sid, display, 'control', `Removed ${parsed.id} from the session.`, { durable: true }))
      }
      return finish(scan, m, record(scan, m, parsed))
    } catch (err) {
      const message = ctx.storageError(err)
      try {
        m.reload() // the in-memory view may be ahead of a rolled-back transaction
      } catch {
        // The database is unusable right now; the view is rebuilt on the next successful read.
      }
      return finish(scan, m, outcome(scan, sid, display, 'error', `Not saved: ${message}`))
    }
  }

  return { submit, removeItem, undoLast }
}
