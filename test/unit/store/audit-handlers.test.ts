import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import { createDispatcher, type Handlers } from '../../../electron/core/dispatcher'
import { AUDIT_CSV_COLUMNS } from '../../../electron/core/store/audit-export'
import { createAuditHandlers } from '../../../electron/core/store/audit-handlers'
import { newSession, tempStore } from './temp-store'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.()
})

describe('audit handlers through the dispatcher', () => {
  function setup() {
    const t = tempStore()
    cleanups.push(t.cleanup)
    const exportDir = join(t.dir, 'exports')
    const handlers = createAuditHandlers({ store: t.store, exportDir, clock: () => new Date('2026-03-01T09:00:00Z') })
    const dispatcher = createDispatcher(handlers as Handlers)
    return { t, exportDir, call: (c: string, i: unknown) => dispatcher.dispatch(c, i, { origin: 'test' }) }
  }

  it('query and verify return contract-valid output', async () => {
    const { t, call } = setup()
    const s = newSession(t.store)
    t.store.scans.append({ sessionId: s.id, kind: 'device', identifier: 'd1', raw: 'd1', source: 'hid', at: 't' })
    const q = await call('audit.query', { sessionId: s.id })
    expect(q).toMatchObject({ ok: true, value: { total: 2 } })
    const v = await call('audit.verify', {})
    expect(v).toMatchObject({ ok: true, value: { ok: true, checked: 2, firstBadSeq: null } })
    expect(await call('audit.query', { limit: 5000 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('export writes every matching row, neutralized, under an app-built name, and audits the export', async () => {
    const { t, call, exportDir } = setup()
    const s = newSession(t.store, { operator: '=cmd|calc' })
    for (const id of ['d1', '@SUM(A1)', '-1+2']) t.store.scans.append({ sessionId: s.id, kind: 'device', identifier: id, raw: id, source: 'wedge', at: 't' })
    const res = await call('audit.export', { sessionId: s.id, limit: 1 })
    expect(res.ok).toBe(true)
    const out = (res as { value: { fileName: string; path: string; content: string } }).value
    expect(out.fileName).toBe('audit-20260301-090000.csv')
    expect(out.path).toBe(join(exportDir, out.fileName))
    expect(readFileSync(out.path, 'utf8')).toBe(out.content)
    const rows = parse(out.content, { bom: true }) as string[][]
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS])
    expect(rows).toHaveLength(1 + 4) // limit is ignored: an export is every matching row
    const col = (name: string) => AUDIT_CSV_COLUMNS.indexOf(name as (typeof AUDIT_CSV_COLUMNS)[number])
    expect(rows.slice(1).map((r) => r[col('subject')])).toEqual(['proj-1', 'd1', "'@SUM(A1)", "'-1+2"])
    expect(rows[1]![col('operator')]).toBe("'=cmd|calc")
    const last = t.store.audit.query({ limit: 1 }).rows[0]!
    expect(last).toMatchObject({ eventType: 'audit.exported', subject: out.fileName, outcome: 'ok' })
    expect(JSON.parse(last.payload)).toMatchObject({ throughSeq: 4, verify: { ok: true, checked: 4 } })
    expect(t.store.audit.verify().ok).toBe(true)
  })
})
