import Database from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { auditHash, GENESIS_HASH } from '../../../electron/core/store/audit-hash'
import { canonicalJson } from '../../../electron/core/store/canonical-json'
import { auditVerifySchema } from '../../../shared/contract'
import { newSession, useTempStores } from './temp-store'

const make = useTempStores()

/** Ten rows: a session start and nine scans with distinctive payloads. */
function seed(t: ReturnType<typeof make>) {
  const s = newSession(t.store)
  for (let i = 1; i <= 9; i++) {
    t.store.scans.append({ sessionId: s.id, kind: 'device', identifier: `dev-${i}`, raw: `MARKER-${i}0000`, source: 'hid', scannerId: 'sc1', at: `2026-03-01T08:0${i}:00.000Z` })
  }
  return s
}

/** Tamper with the closed database through a plain connection, triggers dropped. */
function tamper(path: string, sql: string, ...params: unknown[]) {
  const db = new Database(path)
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;')
  db.prepare(sql).run(...params)
  db.close()
}

describe('audit log', () => {
  it('chains rows: seq from 1, prev_hash = previous hash, hash over the documented fields', () => {
    const t = make()
    const s = seed(t)
    const { rows, total } = t.store.audit.query({ limit: 1000 })
    expect(total).toBe(10)
    const asc = [...rows].reverse()
    let prev = GENESIS_HASH
    asc.forEach((r, i) => {
      expect(r.seq).toBe(i + 1)
      expect(r.station).toBe('desk-1')
      expect(r.hash).toBe(auditHash({ prevHash: prev, seq: r.seq, ts: r.ts, station: r.station, operator: r.operator, sessionId: r.sessionId, eventType: r.eventType, subject: r.subject, payload: r.payload, outcome: r.outcome }))
      prev = r.hash
    })
    expect(asc[1]).toMatchObject({ eventType: 'scan.recorded', subject: 'dev-1', operator: 'ann', sessionId: s.id, outcome: 'ok' })
    expect(JSON.parse(asc[1]!.payload)).toMatchObject({ raw: 'MARKER-10000', source: 'hid', scannerId: 'sc1' })
    const v = t.store.audit.verify()
    expect(auditVerifySchema.parse(v)).toEqual({ ok: true, checked: 10, firstBadSeq: null, reason: null, headHash: prev })
  })

  it('stores payloads as canonical JSON (key order does not matter)', () => {
    const t = make()
    const a = t.store.audit.append({ eventType: 'x', outcome: 'ok', payload: { b: 1, a: { d: [1, undefined, 2], c: 'é' } } })
    expect(a.payload).toBe('{"a":{"c":"é","d":[1,null,2]},"b":1}')
    expect(canonicalJson({ z: 1, a: 2 })).toBe(canonicalJson({ a: 2, z: 1 }))
  })

  it('rejects UPDATE and DELETE through the triggers', () => {
    const t = make()
    seed(t)
    t.store.close()
    const db = new Database(t.path)
    make.defer(() => db.close())
    expect(() => db.prepare("UPDATE audit SET outcome = 'ok2' WHERE seq = 3").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM audit WHERE seq = 10').run()).toThrow(/append-only/)
    expect(db.prepare('SELECT count(*) FROM audit').pluck().get()).toBe(10)
  })

  it.each([
    ['an edited payload', "UPDATE audit SET payload = replace(payload, 'MARKER-40000', 'MARKER-49999') WHERE seq = 5", 5, 4, /row edited/],
    ['an edited outcome', "UPDATE audit SET outcome = 'rejected' WHERE seq = 7", 7, 6, /row edited/],
    ['a deleted row', 'DELETE FROM audit WHERE seq = 4', 5, 3, /rows 4\.\.4 are missing/],
    ['a replaced hash', 'UPDATE audit SET hash = ? WHERE seq = 6', 6, 5, /row edited/]
  ])('detects %s and names the first bad seq', (_name, sql, bad, checked, reason) => {
    const t = make()
    seed(t)
    t.store.close()
    tamper(t.path, sql as string, ...((sql as string).includes('?') ? ['f'.repeat(64)] : []))
    const v = t.reopen().audit.verify()
    expect(v.ok).toBe(false)
    expect(v.firstBadSeq).toBe(bad)
    expect(v.reason).toMatch(reason as RegExp)
    expect(v.checked).toBe(checked)
  })

  it('detects a consistently re-hashed edit at the next row (prev_hash link)', () => {
    const t = make()
    seed(t)
    t.store.close()
    // Recompute row 3 honestly after changing its outcome: row 3 verifies, row 4's prev_hash does not.
    const db = new Database(t.path)
    db.exec('DROP TRIGGER audit_no_update')
    const r = db.prepare('SELECT * FROM audit WHERE seq = 3').get() as Record<string, string | number | null>
    const newHash = auditHash({ prevHash: r.prev_hash as string, seq: 3, ts: r.ts as string, station: r.station as string, operator: r.operator as string | null, sessionId: r.session_id as string | null, eventType: r.event_type as string, subject: r.subject as string | null, payload: r.payload as string, outcome: 'forged' })
    db.prepare("UPDATE audit SET outcome = 'forged', hash = ? WHERE seq = 3").run(newHash)
    db.close()
    const v = t.reopen().audit.verify()
    expect(v).toMatchObject({ ok: false, firstBadSeq: 4, checked: 3 })
    expect(v.reason).toMatch(/prev_hash/)
  })

  it('detects a raw edit of the database file', () => {
    const t = make()
    seed(t)
    // A marker that exists only in the audit table (scans keep their own copy of raw payloads).
    const marked = t.store.audit.append({ eventType: 'test.marker', outcome: 'ok', payload: { note: 'AUDIT-ONLY-MARKER-0001' } })
    t.store.audit.append({ eventType: 'test.after', outcome: 'ok' })
    t.store.close() // checkpoints the WAL into the main file
    const bytes = readFileSync(t.path)
    const at = bytes.indexOf(Buffer.from('AUDIT-ONLY-MARKER-0001'))
    expect(at).toBeGreaterThan(0)
    expect(bytes.indexOf(Buffer.from('AUDIT-ONLY-MARKER-0001'), at + 1)).toBe(-1)
    bytes.write('AUDIT-ONLY-MARKER-0002', at, 'latin1')
    writeFileSync(t.path, bytes)
    const store = t.reopen()
    expect(store.integrityCheck()).toEqual(['ok']) // SQLite itself sees nothing wrong
    expect(store.audit.verify()).toMatchObject({ ok: false, firstBadSeq: marked.seq, checked: marked.seq - 1 })
  })

  it('catches a fully re-hashed (rewritten) chain only through an external anchor', () => {
    const t = make()
    seed(t)
    const anchor = t.store.audit.head()!
    expect(t.store.audit.checkAnchor(anchor)).toEqual({ ok: true, reason: null })
    t.store.close()
    // The attacker edits row 3 and recomputes every hash after it: verify() cannot tell.
    const db = new Database(t.path)
    db.exec('DROP TRIGGER audit_no_update')
    const rows = db.prepare('SELECT * FROM audit ORDER BY seq').all() as Record<string, string | number | null>[]
    let prev = GENESIS_HASH
    const update = db.prepare('UPDATE audit SET outcome = ?, prev_hash = ?, hash = ? WHERE seq = ?')
    for (const r of rows) {
      const outcome = r.seq === 3 ? 'forged' : (r.outcome as string)
      const hash = auditHash({ prevHash: prev, seq: r.seq as number, ts: r.ts as string, station: r.station as string, operator: r.operator as string | null, sessionId: r.session_id as string | null, eventType: r.event_type as string, subject: r.subject as string | null, payload: r.payload as string, outcome })
      update.run(outcome, prev, hash, r.seq)
      prev = hash
    }
    db.close()
    const store = t.reopen()
    expect(store.audit.verify().ok).toBe(true) // the documented limit of a bare hash chain
    expect(store.audit.checkAnchor(anchor)).toMatchObject({ ok: false, reason: expect.stringMatching(/chain rewritten/) })
    expect(store.audit.checkAnchor({ seq: 999, hash: anchor.hash })).toMatchObject({ ok: false, reason: expect.stringMatching(/no longer exists/) })
  })

  it('filters queries by text, session, operator, outcome and date range, with totals and paging', () => {
    const t = make()
    const s1 = seed(t)
    const s2 = newSession(t.store, { operator: 'bob' })
    t.store.scans.append({ sessionId: s2.id, kind: 'invalid', identifier: '=HYPERLINK("x")', raw: '=HYPERLINK("x")', reason: 'not an id', source: 'wedge', at: 't' })
    const q = t.store.audit
    expect(q.query({ sessionId: s1.id }).total).toBe(10)
    expect(q.query({ operator: 'bob' }).total).toBe(2)
    expect(q.query({ outcome: 'invalid' }).rows.map((r) => r.subject)).toEqual(['=HYPERLINK("x")'])
    expect(q.query({ text: 'marker-30000' }).rows.map((r) => r.subject)).toEqual(['dev-3'])
    expect(q.query({ text: 'DEV-7' }).total).toBe(1)
    expect(q.query({ text: '%' }).total).toBe(0) // no LIKE wildcards
    const ts = new Map(q.query({ limit: 100 }).rows.map((r) => [r.seq, r.ts]))
    expect(q.query({ from: ts.get(3), to: ts.get(5) }).rows.map((r) => r.seq)).toEqual([5, 4, 3])
    expect(q.query({ from: ts.get(3)!.replace('Z', '+00:00') }).total).toBe(10)
    expect(q.query({ to: '2026-03-01' }).total).toBe(12)
    expect(q.query({ from: '2026-03-02' }).total).toBe(0)
    const page = q.query({ limit: 5, offset: 5 })
    expect(page.total).toBe(12)
    expect(page.rows.map((r) => r.seq)).toEqual([7, 6, 5, 4, 3])
    expect(() => q.query({ from: 'yesterday' })).toThrow(expect.objectContaining({ code: 'invalid_input' }))
  })
})
