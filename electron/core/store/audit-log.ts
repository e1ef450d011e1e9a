import type BetterSqlite3 from 'better-sqlite3'
import type { AuditRow, AuditVerify } from '../../../shared/contract'
import { DockError } from '../../../shared/contract'
import { auditCsvPageSql } from './audit-csv-sql'
import { AUDIT_HASH_MATERIAL_SQL, auditHash, GENESIS_HASH, sha256Hex } from './audit-hash'
import { canonicalJson } from './canonical-json'
import type { StoreContext } from './store-context'
import type { AuditEntry, AuditFilter, AuditInput, AuditLog } from './types'

/** The audit log plus the store-internal helper that merges a repo's default entry with the caller's. */
export interface AuditWriter extends AuditLog {
  record(defaults: AuditEntry, extra?: AuditInput): AuditRow
}

/** Rows per read when walking the log: all() on pages is much faster than a per-row iterate(). */
const PAGE = 5000
const COLUMNS = 'seq, ts, station, operator, session_id, event_type, subject, outcome, payload, prev_hash, hash'
type RawRow = [number, string, string, string | null, string | null, string, string | null, string, string, string, string]

const toRow = (r: RawRow): AuditRow => ({
  seq: r[0],
  ts: r[1],
  station: r[2],
  operator: r[3],
  sessionId: r[4],
  eventType: r[5],
  subject: r[6],
  outcome: r[7],
  payload: r[8],
  hash: r[10]
})

/**
 * Lone UTF-16 surrogates cannot be stored as UTF-8: SQLite would hand back different text and
 * the recomputed hash would no longer match. Hash exactly what will be stored.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
const toWellFormed = (s: string): string => s.replace(LONE_SURROGATE, '\ufffd')
const wellFormed = (s: string | null): string | null => (s === null ? null : toWellFormed(s))

/** Normalize a from/to bound to the stored ISO-UTC form; a bare date stays a date. */
function bound(value: string, which: 'from' | 'to'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return which === 'to' ? `${value}T\uffff` : value
  const t = new Date(value)
  if (Number.isNaN(t.getTime())) throw new DockError('invalid_input', `audit filter "${which}" is not a date: ${value.slice(0, 40)}`)
  return t.toISOString()
}

/** Walk a keyset-paginated statement (last parameter = the seq to continue after), page by page. */
function* pageArrays(stmt: BetterSqlite3.Statement<unknown[]>, params: unknown[], afterSeq = 0): Generator<RawRow[]> {
  let after = afterSeq
  for (;;) {
    const rows = stmt.all(...params, after) as RawRow[]
    if (rows.length) yield rows
    if (rows.length < PAGE) return
    after = (rows[rows.length - 1] as RawRow)[0]
  }
}

function* pages(stmt: BetterSqlite3.Statement<unknown[]>, params: unknown[], afterSeq = 0): Generator<RawRow> {
  for (const page of pageArrays(stmt, params, afterSeq)) yield* page
}

export function createAuditLog(ctx: StoreContext): AuditWriter {
  const { db } = ctx
  const headStmt = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1')
  const insertStmt = db.prepare(`INSERT INTO audit (${COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)`)
  const operatorStmt = db.prepare('SELECT operator FROM sessions WHERE id = ?').pluck()
  // Verify reads the hash material built by SQLite (one string per row instead of ten values).
  const verifyPage = db.prepare(`SELECT seq, prev_hash, hash, ${AUDIT_HASH_MATERIAL_SQL} FROM audit WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`).raw()
  const hashAt = db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck()
  const bySeq = db.prepare(`SELECT ${COLUMNS} FROM audit WHERE seq = ?`).raw()
  type Stmt = BetterSqlite3.Statement<unknown[]>
  const filtered = new Map<string, { where: string; rows: Stmt; all: Stmt; count: Stmt; csv: Stmt }>()

  function where(filter: AuditFilter): { key: string; sql: string; params: unknown[] } {
    const parts: string[] = []
    const params: unknown[] = []
    if (filter.text) {
      // instr() instead of LIKE: the operator's text has no wildcard meaning to escape.
      parts.push('(instr(lower(coalesce(subject, \'\')), lower(?)) > 0 OR instr(lower(payload), lower(?)) > 0)')
      params.push(filter.text, filter.text)
    }
    const add = (sql: string, value: string | undefined) => {
      if (value === undefined || value === '') return
      parts.push(sql)
      params.push(value)
    }
    add('session_id = ?', filter.sessionId)
    add('operator = ?', filter.operator)
    add('outcome = ?', filter.outcome)
    add('ts >= ?', filter.from ? bound(filter.from, 'from') : undefined)
    add('ts <= ?', filter.to ? bound(filter.to, 'to') : undefined)
    const sql = parts.length ? `WHERE ${parts.join(' AND ')}` : ''
    return { key: sql, sql, params }
  }

  function recompute(seq: number): string {
    const r = bySeq.get(seq) as RawRow
    return auditHash({ prevHash: r[9], seq: r[0], ts: r[1], station: r[2], operator: r[3], sessionId: r[4], eventType: r[5], subject: r[6], payload: r[8], outcome: r[7] })
  }

  function statements(filter: AuditFilter) {
    const w = where(filter)
    let s = filtered.get(w.key)
    if (!s) {
      s = {
        where: w.sql,
        rows: db.prepare<unknown[]>(`SELECT ${COLUMNS} FROM audit ${w.sql} ORDER BY seq DESC LIMIT ? OFFSET ?`).raw(),
        all: db.prepare<unknown[]>(`SELECT ${COLUMNS} FROM audit ${w.sql ? `${w.sql} AND` : 'WHERE'} seq > ? ORDER BY seq LIMIT ${PAGE}`).raw(),
        count: db.prepare<unknown[]>(`SELECT count(*) FROM audit ${w.sql}`).pluck(),
        csv: db.prepare<unknown[]>(auditCsvPageSql(w.sql, PAGE))
      }
      filtered.set(w.key, s)
    }
    return { s, params: w.params }
  }

  function append(entry: AuditEntry): AuditRow {
    // One INSERT is atomic on its own; inside a caller's transaction skip the savepoint (bulk
    // paths append many rows), otherwise BEGIN IMMEDIATE so head read and insert are one unit.
    return db.inTransaction ? appendNow(entry) : ctx.tx(() => appendNow(entry))
  }

  function appendNow(entry: AuditEntry): AuditRow {
    return ctx.read(() => {
      const head = headStmt.get() as { seq: number; hash: string } | undefined
      const seq = (head?.seq ?? 0) + 1
      const prevHash = head?.hash ?? GENESIS_HASH
      const ts = ctx.now()
      const sessionId = wellFormed(entry.sessionId ?? null)
      const operator = wellFormed(entry.operator !== undefined ? entry.operator : sessionId ? ((operatorStmt.get(sessionId) as string | undefined) ?? null) : null)
      const subject = wellFormed(entry.subject ?? null)
      const eventType = toWellFormed(entry.eventType)
      const outcome = toWellFormed(entry.outcome)
      const station = toWellFormed(ctx.station)
      const payload = canonicalJson(entry.payload ?? {})
      const hash = auditHash({ prevHash, seq, ts, station, operator, sessionId, eventType, subject, payload, outcome })
      insertStmt.run(seq, ts, station, operator, sessionId, eventType, subject, outcome, payload, prevHash, hash)
      return { seq, ts, station, operator, sessionId, eventType, subject, outcome, payload, hash }
    })
  }

  return {
    append,
    record(defaults, extra) {
      const payload = extra?.payload ? { ...((defaults.payload as Record<string, unknown> | undefined) ?? {}), ...extra.payload } : defaults.payload
      return append({
        eventType: extra?.eventType ?? defaults.eventType,
        outcome: extra?.outcome ?? defaults.outcome,
        subject: extra?.subject !== undefined ? extra.subject : defaults.subject,
        payload,
        operator: extra?.operator !== undefined ? extra.operator : defaults.operator,
        sessionId: extra?.sessionId !== undefined ? extra.sessionId : defaults.sessionId
      })
    },
    head: () => ctx.read(() => (headStmt.get() as { seq: number; hash: string } | undefined) ?? null),
    checkAnchor(anchor) {
      return ctx.read(() => {
        const hash = hashAt.get(anchor.seq) as string | undefined
        if (hash === undefined) return { ok: false, reason: `row ${anchor.seq} no longer exists (log truncated or rewritten)` }
        if (hash !== anchor.hash) return { ok: false, reason: `row ${anchor.seq} has a different hash than the anchor (chain rewritten)` }
        return { ok: true, reason: null }
      })
    },
    verify(): AuditVerify {
      return ctx.read(() => {
        let prevHash = GENESIS_HASH
        let expected = 1
        let checked = 0
        for (const page of pageArrays(verifyPage, [])) {
          for (const [seq, storedPrev, hash, material] of page as unknown as [number, string, string, string][]) {
            let reason: string | null = null
            if (seq !== expected) reason = seq > expected ? `rows ${expected}..${seq - 1} are missing (deleted)` : `seq ${seq} is out of order`
            else if (storedPrev !== prevHash) reason = 'prev_hash does not match the hash of the row before (row inserted, deleted or reordered)'
            // Both encodings are valid JSON of the same values, so they cannot collide for different
            // rows; should SQLite ever escape a character differently, the JS encoding decides.
            else if (sha256Hex(material) !== hash && recompute(seq) !== hash) reason = 'hash does not match the row content (row edited)'
            if (reason !== null) return { ok: false, checked, firstBadSeq: seq, reason, headHash: checked ? prevHash : null }
            prevHash = hash
            expected++
            checked++
          }
        }
        return { ok: true, checked, firstBadSeq: null, reason: null, headHash: checked ? prevHash : null }
      })
    },
    query(filter) {
      return ctx.read(() => {
        const { s, params } = statements(filter)
        const limit = filter.limit ?? 200
        const offset = filter.offset ?? 0
        const rows = (s.rows.all(...params, limit, offset) as RawRow[]).map(toRow)
        const total = s.count.get(...params) as number
        return { rows, total }
      })
    },
    *csvPages(filter) {
      const { s, params } = statements(filter)
      let after = filter.afterSeq ?? 0
      for (;;) {
        const page = s.csv.get(...params, after) as { last_seq: number | null; n: number; csv: Buffer | null }
        if (page.csv) yield page.csv
        if (page.n < PAGE || page.last_seq === null) return
        after = page.last_seq
      }
    },
    *pages(filter) {
      const { s, params } = statements(filter)
      yield* pageArrays(s.all, params, filter.afterSeq)
    },
    *iterate(filter) {
      const { s, params } = statements(filter)
      for (const raw of pages(s.all, params, filter.afterSeq)) yield { ...toRow(raw), prevHash: raw[9] }
    }
  }
}
