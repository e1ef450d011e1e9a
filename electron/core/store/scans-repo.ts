import { randomUUID } from 'node:crypto'
import { DockError } from '../../../shared/contract'
import type { AuditWriter } from './audit-log'
import type { StoreContext } from './store-context'
import type { ScanKind, ScanRecord, ScansRepo, ScanSource } from './types'

interface ScanRow {
  seq: number
  id: string
  session_id: string
  kind: ScanKind
  identifier: string
  raw: string
  reason: string | null
  source: ScanSource
  scanner_id: string | null
  aim: string | null
  at: string
  recorded_at: string
  item_id: string | null
  removed_at: string | null
  removed_reason: string | null
}

const toRecord = (r: ScanRow): ScanRecord => ({
  id: r.id,
  sessionId: r.session_id,
  seq: r.seq,
  kind: r.kind,
  identifier: r.identifier,
  raw: r.raw,
  reason: r.reason,
  source: r.source,
  scannerId: r.scanner_id,
  aim: r.aim,
  at: r.at,
  recordedAt: r.recorded_at,
  itemId: r.item_id,
  removedAt: r.removed_at,
  removedReason: r.removed_reason
})

/** The audit payload keeps the raw text capped: the full raw value lives in the scans table. */
const AUDIT_RAW_CAP = 512

export function createScansRepo(ctx: StoreContext, audit: AuditWriter): ScansRepo {
  const { db } = ctx
  const insert = db.prepare(
    `INSERT INTO scans (id, session_id, kind, identifier, raw, reason, source, scanner_id, aim, at, recorded_at, item_id)
     VALUES (@id, @session_id, @kind, @identifier, @raw, @reason, @source, @scanner_id, @aim, @at, @recorded_at, @item_id)`
  )
  const byId = db.prepare('SELECT * FROM scans WHERE id = ?')
  const bySession = db.prepare('SELECT * FROM scans WHERE session_id = ? AND removed_at IS NULL ORDER BY seq')
  const bySessionAll = db.prepare('SELECT * FROM scans WHERE session_id = ? ORDER BY seq')
  const lastLive = db.prepare('SELECT * FROM scans WHERE session_id = ? AND removed_at IS NULL ORDER BY seq DESC LIMIT 1')
  const lastOfKinds = db.prepare(
    'SELECT * FROM scans WHERE session_id = ? AND removed_at IS NULL AND kind IN (SELECT value FROM json_each(?)) ORDER BY seq DESC LIMIT 1'
  )
  const setItem = db.prepare('UPDATE scans SET item_id = ? WHERE id = ?')
  const remove = db.prepare('UPDATE scans SET removed_at = ?, removed_reason = ? WHERE id = ? AND removed_at IS NULL')
  const sessionExists = db.prepare('SELECT 1 FROM sessions WHERE id = ?').pluck()

  const get = (id: string): ScanRecord | null => {
    const r = byId.get(id) as ScanRow | undefined
    return r ? toRecord(r) : null
  }

  return {
    append(input, extra) {
      return ctx.tx(() => {
        if (!sessionExists.get(input.sessionId)) throw new DockError('not_found', `No session ${input.sessionId.slice(0, 64)}`)
        const id = input.id ?? randomUUID()
        insert.run({
          id,
          session_id: input.sessionId,
          kind: input.kind,
          identifier: input.identifier,
          raw: input.raw,
          reason: input.reason ?? null,
          source: input.source,
          scanner_id: input.scannerId ?? null,
          aim: input.aim ?? null,
          at: input.at,
          recorded_at: ctx.now(),
          item_id: input.itemId ?? null
        })
        const scan = get(id) as ScanRecord
        audit.record(
          {
            eventType: 'scan.recorded',
            outcome: input.kind === 'invalid' ? 'invalid' : 'ok',
            sessionId: input.sessionId,
            subject: input.identifier.slice(0, 4096),
            payload: {
              scanId: id,
              kind: input.kind,
              raw: input.raw.slice(0, AUDIT_RAW_CAP),
              rawLength: input.raw.length,
              source: input.source,
              scannerId: input.scannerId ?? null,
              at: input.at,
              ...(input.reason ? { reason: input.reason } : {})
            }
          },
          extra
        )
        return scan
      })
    },
    get: (id) => ctx.read(() => get(id)),
    list: (sessionId, opts) => ctx.read(() => ((opts?.includeRemoved ? bySessionAll : bySession).all(sessionId) as ScanRow[]).map(toRecord)),
    last(sessionId, opts) {
      return ctx.read(() => {
        const r = (opts?.kinds ? lastOfKinds.get(sessionId, JSON.stringify(opts.kinds)) : lastLive.get(sessionId)) as ScanRow | undefined
        return r ? toRecord(r) : null
      })
    },
    setItem(scanId, itemId) {
      ctx.tx(() => {
        if (setItem.run(itemId, scanId).changes === 0) throw new DockError('not_found', `No scan ${scanId.slice(0, 64)}`)
      })
    },
    markRemoved(id, reason, extra) {
      return ctx.tx(() => {
        const before = get(id)
        if (!before) throw new DockError('not_found', `No scan ${id.slice(0, 64)}`)
        if (before.removedAt) throw new DockError('conflict', 'This scan was already removed.')
        remove.run(ctx.now(), reason, id)
        audit.record(
          { eventType: 'scan.removed', outcome: 'ok', sessionId: before.sessionId, subject: before.identifier, payload: { scanId: id, reason } },
          extra
        )
        return get(id) as ScanRecord
      })
    }
  }
}
