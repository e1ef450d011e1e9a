import { describe, expect, it } from 'vitest'
import { DockError } from '../../../shared/contract'
import { createDispatcher, type Handlers } from '../../../electron/core/dispatcher'

const ctx = { origin: 'test' as const }

// Handlers for the channels used below; the rest throw if called (they must not be).
function handlers(over: Partial<Record<string, (i: unknown) => unknown>>): Handlers {
  return new Proxy({} as Handlers, {
    get: (_t, name: string) => over[name] ?? (() => { throw new Error(`unexpected call to ${name}`) })
  })
}

describe('dispatcher', () => {
  it('refuses an unknown channel without calling anything', async () => {
    const d = createDispatcher(handlers({}))
    const r = await d.dispatch('shell.exec', {}, ctx)
    expect(r).toEqual({ ok: false, error: { code: 'unknown_channel', message: expect.stringContaining('shell.exec') } })
  })

  it('parses input before the handler sees it', async () => {
    let called = false
    const d = createDispatcher(handlers({ 'dt.projects': () => { called = true; return [] } }))
    const r = await d.dispatch('dt.projects', { organizationId: 42 }, ctx)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error.code).toBe('invalid_input')
    expect(called).toBe(false)
    const extra = await d.dispatch('dt.projects', { organizationId: 'o', sneaky: true }, ctx)
    expect(!extra.ok && extra.error.code).toBe('invalid_input')
  })

  it('returns the parsed output in an ok envelope', async () => {
    const d = createDispatcher(handlers({ 'dt.projects': (i) => [{ id: 'p1', displayName: 'Dock', organizationId: (i as { organizationId: string }).organizationId, inventory: false }] }))
    const r = await d.dispatch('dt.projects', { organizationId: 'org1' }, ctx)
    expect(r).toEqual({ ok: true, value: [{ id: 'p1', displayName: 'Dock', organizationId: 'org1', inventory: false }] })
  })

  it('turns a handler output that breaks the contract into internal_error', async () => {
    const logged: string[] = []
    const d = createDispatcher(handlers({ 'dt.organizations': () => [{ id: 1 }] }), (m) => logged.push(m))
    const r = await d.dispatch('dt.organizations', {}, ctx)
    expect(!r.ok && r.error.code).toBe('internal_error')
    expect(logged[0]).toContain('dt.organizations')
  })

  it('maps DockError codes and hides nothing else but the message', async () => {
    const d = createDispatcher(handlers({ 'dt.organizations': () => { throw new DockError('no_credentials', 'No DT credentials stored.') } }))
    expect(await d.dispatch('dt.organizations', {}, ctx)).toEqual({ ok: false, error: { code: 'no_credentials', message: 'No DT credentials stored.' } })
    const d2 = createDispatcher(handlers({ 'dt.organizations': () => { throw new TypeError('boom') } }))
    const r2 = await d2.dispatch('dt.organizations', {}, ctx)
    expect(!r2.ok && r2.error.code).toBe('internal_error')
  })
})
