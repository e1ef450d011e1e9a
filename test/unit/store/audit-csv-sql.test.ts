import Database from 'better-sqlite3'
import { stringify } from 'csv-stringify/sync'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { AUDIT_HASH_MATERIAL_SQL } from '../../../electron/core/store/audit-hash'
import { csvRecord, FORMULA_TRIGGERS, isFormulaLike, neutralizeCell } from '../../../electron/core/store/csv-safe'
import { tempStore } from './temp-store'

const t = tempStore()
afterAll(() => t.cleanup())
// The store holds its file exclusively; SQLite's json_array is checked on a scratch connection.
const scratch = new Database(':memory:')
afterAll(() => scratch.close())
scratch.exec('CREATE TABLE audit (prev_hash TEXT, seq INTEGER, ts TEXT, station TEXT, operator TEXT, session_id TEXT, event_type TEXT, subject TEXT, payload TEXT, outcome TEXT) STRICT')
const insertScratch = scratch.prepare('INSERT INTO audit VALUES (?,?,?,?,?,?,?,?,?,?)')
const materialOf = scratch.prepare(`SELECT ${AUDIT_HASH_MATERIAL_SQL} FROM audit WHERE seq = ?`).pluck()

/** Characters that matter: triggers, CSV syntax, JS/Unicode blanks, NUL, lone surrogates, astral. */
const unit = fc.constantFrom(...FORMULA_TRIGGERS, ' ', '\u00a0', '\u2028', '\u3000', '\ufeff', '\v', '\f', '"', ',', "'", 'a', 'Z', '1', 'é', '😀', '\ud800', '\udc00')
const hostile = fc.oneof(fc.string({ unit, maxLength: 16 }), fc.string({ unit: 'grapheme', maxLength: 16 }), fc.string({ unit: 'binary', maxLength: 16 }))
/** SQLite's length() stops at NUL; columns with a minimum length need a visible first char. */
const required = hostile.map((s) => (s.length === 0 || s.startsWith('\0') ? `x${s}` : s))

const rowArb = fc.record({
  eventType: required,
  outcome: required,
  subject: fc.option(hostile, { nil: null }),
  operator: fc.option(hostile, { nil: null }),
  sessionId: fc.option(hostile, { nil: null }),
  payload: fc.oneof(fc.dictionary(hostile, hostile, { maxKeys: 2 }), fc.integer({ min: -5, max: 5 }), hostile)
})

describe('audit CSV rendered by SQLite', () => {
  it('property: equals the JS reference (neutralizeCell + csvRecord) and csv-stringify byte for byte; json_array hash material equals JSON.stringify', () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31)
    console.log(`audit-csv-sql property seed=${seed} (replay with FC_SEED=${seed})`)
    let rows = 0
    let neutralizedCells = 0
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 3 }), (entries) => {
        const before = t.store.audit.head()?.seq ?? 0
        t.store.transaction(() => entries.forEach((e) => t.store.audit.append(e)))
        const sql = Buffer.concat([...t.store.audit.csvPages({ afterSeq: before })]).toString('utf8')
        const cells = [...t.store.audit.pages({ afterSeq: before })].flat().map((r) => [String(r[0]), ...r.slice(1, 9).map(neutralizeCell), String(r[9]), String(r[10])])
        expect(cells).toHaveLength(entries.length)
        const js = cells.map(csvRecord).join('')
        expect(sql).toBe(js)
        expect(js).toBe(stringify(cells))
        for (const row of cells) for (const c of row) if (c.startsWith("'")) neutralizedCells++
        for (const row of cells) for (const c of row) expect(isFormulaLike(c)).toBe(false)
        // verify() hashes SQLite's json_array(...) of the row: it must equal the JS material.
        for (const r of t.store.audit.iterate({ afterSeq: before })) {
          const js = JSON.stringify([r.prevHash, r.seq, r.ts, r.station, r.operator, r.sessionId, r.eventType, r.subject, r.payload, r.outcome])
          insertScratch.run(r.prevHash, r.seq, r.ts, r.station, r.operator, r.sessionId, r.eventType, r.subject, r.payload, r.outcome)
          expect(materialOf.get(r.seq)).toBe(js)
        }
        rows += entries.length
      }),
      { numRuns: 10_000, seed }
    )
    console.log(`audit-csv-sql property: ${rows} rows compared, ${neutralizedCells} neutralized cells`)
    expect(neutralizedCells).toBeGreaterThan(0)
    expect(t.store.audit.verify()).toMatchObject({ ok: true, checked: rows })
  }, 120_000)
})
