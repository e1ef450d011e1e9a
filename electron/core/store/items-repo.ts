import { randomUUID } from 'node:crypto'
import { DockError, type Flag, type ItemState } from '../../../shared/contract'
import type { AuditWriter } from './audit-log'
import { fromJsonColumn, toJsonColumn, type StoreContext } from './store-context'
import type { ItemRecord, ItemsRepo, ScanSource } from './types'

interface ItemRow {
  id: string
  session_id: string
  kind: ItemRecord['kind']
  identifier: string
  state: ItemState
  flags_json: string
  lookup_json: string | null
  result_json: string | null
  data_json: string | null
  scan_id: string | null
  source: ScanSource
  scanner_id: string | null
  scanned_at: string
  created_at: string
  updated_at: string
  lookup_attempts: number
  lookup_error: string | null
  removed_at: string | null
  removed_reason: string | null
}

const toRecord = (r: ItemRow): ItemRecord => ({
  id: r.id,
  sessionId: r.session_id,
  kind: r.kind,
  identifier: r.identifier,
  state: r.state,
  flags: JSON.parse(r.flags_json) as Flag[],
  lookup: fromJsonColumn(r.lookup_json),
  result: fromJsonColumn(r.result_json),
  data: fromJsonColumn(r.data_json),
  scanId: r.scan_id,
  source: r.source,
  scannerId: r.scanner_id,
  scannedAt: r.scanned_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  lookupAttempts: r.lookup_attempts,
  lookupError: r.lookup_error,
  removedAt: r.removed_at,
  removedReason: r.removed_reason
})

export function createItemsRepo(ctx: StoreContext, audit: AuditWriter): ItemsRepo {
  const { db } = ctx
  const insert = db.prepare(
    `INSERT INTO items (id, session_id, kind, identifier, state, flags_json, lookup_json, result_json, data_json, scan_id, source, scanner_id, scanned_at, created_at, updated_at)
     VALUES (@id, @session_id, @kind, @identifier, @state, @flags_json, @lookup_json, @result_json, @data_json, @scan_id, @source, @scanner_id, @scanned_at, @now, @now)`
  )
  const update = db.prepare(
    `UPDATE items SET kind = @kind, identifier = @identifier, state = @state, flags_json = @flags_json, lookup_json = @lookup_json,
       result_json = @result_json, data_json = @data_json, lookup_attempts = @lookup_attempts, lookup_error = @lookup_error, updated_at = @now
     WHERE id = @id`
  )
  const byId = db.prepare('SELECT * FROM items WHERE id = ?')
  const bySession = db.prepare('SELECT * FROM items WHERE session_id = ? AND removed_at IS NULL ORDER BY created_at, rowid')
  const bySessionAll = db.prepare('SELECT * FROM items WHERE session_id = ? ORDER BY created_at, rowid')
  const byIdentifier = db.prepare('SELECT * FROM items WHERE session_id = ? AND identifier = ? AND removed_at IS NULL ORDER BY created_at, rowid')
  const inOtherSession = db.prepare('SELECT 1 FROM items WHERE identifier = ? AND session_id <> ? AND removed_at IS NULL LIMIT 1')
  const byState = db.prepare(
    'SELECT * FROM items WHERE removed_at IS NULL AND state IN (SELECT value FROM json_each(?)) ORDER BY created_at, rowid'
  )
  const byStateSession = db.prepare(
    'SELECT * FROM items WHERE removed_at IS NULL AND session_id = ? AND state IN (SELECT value FROM json_each(?)) ORDER BY created_at, rowid'
  )
  const remove = db.prepare('UPDATE items SET removed_at = ?, removed_reason = ?, updated_at = ? WHERE id = ?')

  const get = (id: string): ItemRecord | null => {
    const r = byId.get(id) as ItemRow | undefined
    return r ? toRecord(r) : null
  }
  const require = (id: string): ItemRecord => {
    const it = get(id)
    if (!it) throw new DockError('not_found', `No item ${id.slice(0, 64)}`)
    return it
  }

  return {
    insert(input, extra) {
      return ctx.tx(() => {
        const id = input.id ?? randomUUID()
        insert.run({
          id,
          session_id: input.sessionId,
          kind: input.kind,
          identifier: input.identifier,
          state: input.state,
          flags_json: JSON.stringify(input.flags ?? []),
          lookup_json: toJsonColumn(input.lookup),
          result_json: toJsonColumn(input.result),
          data_json: toJsonColumn(input.data),
          scan_id: input.scanId ?? null,
          source: input.source,
          scanner_id: input.scannerId ?? null,
          scanned_at: input.scannedAt,
          now: ctx.now()
        })
        const item = require(id)
        if (extra) {
          audit.record(
            { eventType: 'item.added', outcome: 'ok', sessionId: item.sessionId, subject: item.identifier, payload: { itemId: id, kind: item.kind, state: item.state } },
            extra
          )
        }
        return item
      })
    },
    update(id, patch, extra) {
      return ctx.tx(() => {
        const before = require(id)
        const pick = <K extends keyof typeof patch>(k: K, fallback: unknown): unknown => (k in patch ? patch[k] : fallback)
        update.run({
          id,
          kind: patch.kind ?? before.kind,
          identifier: patch.identifier ?? before.identifier,
          state: patch.state ?? before.state,
          flags_json: JSON.stringify(patch.flags ?? before.flags),
          lookup_json: toJsonColumn(pick('lookup', before.lookup)),
          result_json: toJsonColumn(pick('result', before.result)),
          data_json: toJsonColumn(pick('data', before.data)),
          lookup_attempts: patch.lookupAttempts ?? before.lookupAttempts,
          lookup_error: pick('lookupError', before.lookupError) as string | null,
          now: ctx.now()
        })
        const after = require(id)
        if (extra) {
          audit.record(
            {
              eventType: 'item.updated',
              outcome: 'ok',
              sessionId: after.sessionId,
              subject: after.identifier,
              payload: { itemId: id, from: before.state, to: after.state }
            },
            extra
          )
        }
        return after
      })
    },
    get: (id) => ctx.read(() => get(id)),
    list: (sessionId, opts) => ctx.read(() => ((opts?.includeRemoved ? bySessionAll : bySession).all(sessionId) as ItemRow[]).map(toRecord)),
    findByIdentifier: (sessionId, identifier) => ctx.read(() => (byIdentifier.all(sessionId, identifier) as ItemRow[]).map(toRecord)),
    seenInOtherSession: (identifier, exceptSessionId) => ctx.read(() => inOtherSession.get(identifier, exceptSessionId) !== undefined),
    listByState(states, sessionId) {
      return ctx.read(() => {
        const rows = sessionId === undefined ? byState.all(JSON.stringify(states)) : byStateSession.all(sessionId, JSON.stringify(states))
        return (rows as ItemRow[]).map(toRecord)
      })
    },
    markRemoved(id, reason, extra) {
      return ctx.tx(() => {
        const before = require(id)
        if (before.removedAt) throw new DockError('conflict', 'This item was already removed.')
        const now = ctx.now()
        remove.run(now, reason, now, id)
        audit.record(
          { eventType: 'item.removed', outcome: 'ok', sessionId: before.sessionId, subject: before.identifier, payload: { itemId: id, kind: before.kind, reason } },
          extra
        )
        return require(id)
      })
    }
  }
}
