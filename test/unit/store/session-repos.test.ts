import { describe, expect, it } from 'vitest'
import { newSession, useTempStores } from './temp-store'

const make = useTempStores()
const eventsOf = (t: ReturnType<typeof make>) => [...t.store.audit.query({ limit: 1000 }).rows].reverse().map((r) => `${r.eventType}:${r.subject ?? ''}`)

describe('sessions, scans, items and manifests', () => {
  it('sessions: create with this station, list newest first, status changes audited, survive reopen', () => {
    const t = make()
    const a = newSession(t.store)
    const b = newSession(t.store, { projectId: 'proj-2', reference: null })
    expect(a).toMatchObject({ station: 'desk-1', status: 'open', operator: 'ann', reference: 'PO-1' })
    expect(t.store.sessions.list().map((s) => s.id)).toEqual([b.id, a.id])
    const paused = t.store.sessions.setStatus(a.id, 'paused', { operator: 'bob' })
    expect(paused.status).toBe('paused')
    expect(paused.updatedAt > a.updatedAt).toBe(true)
    expect(() => t.store.sessions.setStatus('nope', 'done')).toThrow(expect.objectContaining({ code: 'not_found' }))
    const again = t.reopen()
    expect(again.sessions.require(a.id).status).toBe('paused')
    const rows = again.audit.query({ sessionId: a.id }).rows
    expect(rows[0]).toMatchObject({ eventType: 'session.status', operator: 'bob' })
    expect(JSON.parse(rows[0]!.payload)).toEqual({ from: 'open', to: 'paused' })
  })

  it('scans: append keeps raw payload, scanner and time; undo marks removed, never deletes', () => {
    const t = make()
    const s = newSession(t.store)
    const raw = '<img src=x onerror=alert(1)>\u202E'
    const one = t.store.scans.append({ sessionId: s.id, kind: 'invalid', identifier: 'bad', raw, reason: 'not an ID', source: 'wedge', at: '2026-03-01T08:00:00.000Z' })
    const two = t.store.scans.append({ sessionId: s.id, kind: 'kit', identifier: 'kit-1', raw: 'kit-1', source: 'hid', scannerId: 'usb-1', aim: ']Q1', at: '2026-03-01T08:00:01.000Z' })
    expect(t.store.scans.get(one.id)).toMatchObject({ raw, reason: 'not an ID', kind: 'invalid', removedAt: null })
    expect(two.seq).toBeGreaterThan(one.seq)
    expect(t.store.scans.last(s.id)?.id).toBe(two.id)
    expect(t.store.scans.last(s.id, { kinds: ['invalid'] })?.id).toBe(one.id)
    t.store.scans.markRemoved(two.id, 'undo')
    expect(() => t.store.scans.markRemoved(two.id, 'undo')).toThrow(expect.objectContaining({ code: 'conflict' }))
    expect(t.store.scans.last(s.id)?.id).toBe(one.id)
    expect(t.store.scans.list(s.id).map((x) => x.id)).toEqual([one.id])
    expect(t.store.scans.list(s.id, { includeRemoved: true }).find((x) => x.id === two.id)).toMatchObject({ removedReason: 'undo' })
    expect(() => t.store.scans.append({ sessionId: 'nope', kind: 'device', identifier: 'd', raw: 'd', source: 'hid', at: 't' })).toThrow(
      expect.objectContaining({ code: 'not_found' })
    )
    expect(eventsOf(t)).toEqual(['session.started:proj-1', 'scan.recorded:bad', 'scan.recorded:kit-1', 'scan.removed:kit-1'])
  })

  it('items: insert/update JSON fields, find by identifier and state, removal audited', () => {
    const t = make()
    const s = newSession(t.store)
    const item = t.store.items.insert({ sessionId: s.id, kind: 'device', identifier: 'd1', state: 'pending', source: 'hid', scannedAt: 't' })
    expect(item).toMatchObject({ flags: [], lookup: null, lookupAttempts: 0 })
    const flag = { code: 'duplicate' as const, message: 'Scanned twice', guidance: ['Ignore'] }
    const updated = t.store.items.update(item.id, { state: 'to_claim', lookup: { status: 'device', deviceType: 'temperature' }, flags: [flag], lookupAttempts: 1 })
    expect(updated).toMatchObject({ state: 'to_claim', flags: [flag], lookup: { status: 'device' }, lookupAttempts: 1 })
    expect(t.store.items.update(item.id, { lookup: null }).lookup).toBeNull()
    expect(t.store.items.findByIdentifier(s.id, 'd1').map((i) => i.id)).toEqual([item.id])
    expect(t.store.items.listByState(['to_claim']).map((i) => i.id)).toEqual([item.id])
    expect(t.store.items.listByState(['pending'], s.id)).toEqual([])
    const other = newSession(t.store)
    expect(t.store.items.seenInOtherSession('d1', other.id)).toBe(true)
    expect(t.store.items.seenInOtherSession('d1', s.id)).toBe(false)
    expect(t.store.items.seenInOtherSession('d2', other.id)).toBe(false)
    t.store.items.markRemoved(item.id, 'operator removed')
    expect(t.store.items.seenInOtherSession('d1', other.id)).toBe(false)
    expect(t.store.items.list(s.id)).toEqual([])
    expect(t.store.items.listByState(['to_claim'])).toEqual([])
    expect(eventsOf(t)).toEqual(['session.started:proj-1', 'session.started:proj-1', 'item.removed:d1'])
  })

  it('manifests: a new import supersedes the previous one and keeps the rows in order', () => {
    const t = make()
    const s = newSession(t.store)
    t.store.manifests.import(s.id, [{ kitId: 'k1', expectedDevices: 25 }], { sourceName: 'old.csv', text: 'k1,25' })
    const m = t.store.manifests.import(s.id, [{ kitId: 'k2', expectedDevices: null }, { kitId: 'k3', expectedDevices: 100 }], { text: 'k2\nk3,100' })
    expect(t.store.manifests.latest(s.id)).toEqual(m)
    expect(m.rows).toEqual([{ kitId: 'k2', expectedDevices: null }, { kitId: 'k3', expectedDevices: 100 }])
    expect(m.textSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(() => t.store.manifests.import(s.id, [{ kitId: 'k4', expectedDevices: -1 }])).toThrow(expect.objectContaining({ code: 'invalid_input' }))
    expect(t.store.manifests.latest(s.id)?.id).toBe(m.id)
  })

  it('kv: settings.changed is audited, internal keys are not', () => {
    const t = make()
    t.store.kv.setJson('settings.v1', { apiUrl: 'https://x' })
    expect(eventsOf(t)).toEqual(['settings.changed:settings.v1'])
  })
})
