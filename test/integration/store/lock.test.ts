import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore, StoreLockedError } from '../../../electron/core/store/open-store'
import { runScript, type Child } from './child-process'

const children: Child[] = []
let dir: string | null = null
afterEach(() => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL')
  children.length = 0
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('exclusive database lock across processes (R11)', () => {
  it('refuses a second instance, and a kill -9 of the holder never blocks the next start', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dock-lock-'))
    const path = join(dir, 'dock.db')
    const holder = runScript('lock-holder.ts', [path, 'first'])
    children.push(holder)
    await holder.waitFor(/^LOCKED/)

    const second = runScript('lock-holder.ts', [path, 'second'])
    children.push(second)
    const refused = await second.waitFor(/^REFUSED/)
    expect(refused).toMatch(/^REFUSED storage_error StoreLockedError .*in use by another Dock Claim/)
    expect((await second.exited).code).toBe(3)
    // The same holds in this process.
    expect(() => openStore({ path, station: 'parent', lockTimeoutMs: 50 })).toThrow(StoreLockedError)

    holder.proc.kill('SIGKILL')
    expect((await holder.exited).signal).toBe('SIGKILL')

    const next = runScript('lock-holder.ts', [path, 'third'])
    children.push(next)
    await next.waitFor(/^LOCKED/)
    next.proc.kill('SIGKILL')
    await next.exited

    const store = openStore({ path, station: 'parent' })
    try {
      expect(store.kv.getJson('holder.pid')).toBe(next.proc.pid)
      expect(store.integrityCheck()).toEqual(['ok'])
      expect(store.audit.verify()).toMatchObject({ ok: true, checked: 2 })
    } finally {
      store.close()
    }
  })
})
