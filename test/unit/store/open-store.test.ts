import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DockError } from '../../../shared/contract'
import { openStore, StorageError, StoreLockedError, type Store } from '../../../electron/core/store/open-store'
import { LATEST_VERSION } from '../../../electron/core/store/migrations'
import { assertLocalDatabasePath } from '../../../electron/core/store/path-safety'
import { newSession, useTempStores } from './temp-store'

const make = useTempStores()

describe('openStore', () => {
  it('runs WAL with synchronous=FULL, the exclusive lock and foreign keys, at the latest schema', () => {
    const { store } = make()
    expect(store.diagnostics()).toMatchObject({ journalMode: 'wal', synchronous: 2, lockingMode: 'exclusive', foreignKeys: true, schemaVersion: LATEST_VERSION })
    expect(store.integrityCheck()).toEqual(['ok'])
  })

  it('refuses a second open of the same file while the first holds the lock, and allows it after close', () => {
    const t = make()
    let err: unknown
    try {
      openStore({ path: t.path, station: 'desk-2', lockTimeoutMs: 50 })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(StoreLockedError)
    expect((err as DockError).code).toBe('storage_error')
    expect((err as Error).message).toMatch(/in use by another Dock Claim/)
    t.store.close()
    const second = openStore({ path: t.path, station: 'desk-2' })
    second.close()
  })

  it('keeps data across reopen', () => {
    const t = make()
    const s = newSession(t.store)
    t.store.kv.setJson('settings.v1', { volume: 0.5 })
    const again = t.reopen()
    expect(again.sessions.get(s.id)?.projectName).toBe('Warehouse A')
    expect(again.kv.getJson('settings.v1')).toEqual({ volume: 0.5 })
    expect(again.audit.verify().ok).toBe(true)
  })

  it('gives a clear storage error for a path in a missing folder', () => {
    expect(() => openStore({ path: join(tmpdir(), 'no-such-dir-dock', 'x.db'), station: 's' })).toThrow(StorageError)
  })

  it('refuses UNC network paths on Windows but not local long paths', () => {
    expect(() => assertLocalDatabasePath('\\\\server\\share\\dock.db', 'win32')).toThrow(/network share/)
    expect(() => assertLocalDatabasePath('//server/share/dock.db', 'win32')).toThrow(/network share/)
    expect(() => assertLocalDatabasePath('\\\\?\\UNC\\server\\share\\dock.db', 'win32')).toThrow(/network share/)
    expect(() => assertLocalDatabasePath('\\\\?\\C:\\data\\dock.db', 'win32')).not.toThrow()
    expect(() => assertLocalDatabasePath('C:\\data\\dock.db', 'win32')).not.toThrow()
    expect(() => assertLocalDatabasePath('', 'linux')).toThrow(StorageError)
  })

  it('maps a full disk to StorageError, acknowledges nothing, then refuses writes until reopened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dock-full-'))
    make.defer(() => rmSync(dir, { recursive: true, force: true }))
    const path = join(dir, 'full.db')
    const store: Store = openStore({ path, station: 'desk-1', maxPageCount: 80 })
    const session = newSession(store)
    let acked = 0
    let failure: unknown = null
    for (let i = 0; i < 1000 && !failure; i++) {
      try {
        store.scans.append({ sessionId: session.id, kind: 'invalid', identifier: `x${i}`, raw: 'A'.repeat(4000), source: 'manual', at: new Date().toISOString() })
        acked++
      } catch (e) {
        failure = e
      }
    }
    expect(failure).toBeInstanceOf(StorageError)
    expect((failure as StorageError).sqliteCode).toBe('SQLITE_FULL')
    expect(store.fault).toMatch(/SQLITE_FULL/)
    // Fail closed: even a tiny write is refused now.
    expect(() => store.kv.setJson('k', 1)).toThrow(/restart Dock Claim/)
    expect(store.scans.list(session.id)).toHaveLength(acked)
    store.close()
    const again = openStore({ path, station: 'desk-1' })
    make.defer(() => again.close())
    expect(again.scans.list(session.id)).toHaveLength(acked)
    expect(again.integrityCheck()).toEqual(['ok'])
    expect(again.audit.verify()).toMatchObject({ ok: true })
    again.scans.append({ sessionId: session.id, kind: 'device', identifier: 'after', raw: 'after', source: 'manual', at: new Date().toISOString() })
  })

  it('maps constraint violations to contract errors', () => {
    const { store } = make()
    const s = newSession(store)
    const tooLong = () => store.scans.append({ sessionId: s.id, kind: 'device', identifier: 'x', raw: 'A'.repeat(4097), source: 'manual', at: 't' })
    expect(tooLong).toThrow(DockError)
    try {
      tooLong()
    } catch (e) {
      expect((e as DockError).code).toBe('invalid_input')
    }
    expect(() => store.sessions.create({ id: s.id, organizationId: 'o', projectId: 'p', projectName: 'P', operator: 'bob', reference: null })).toThrow(
      expect.objectContaining({ code: 'conflict' })
    )
    // A refused write leaves no trace, not even its audit row.
    const before = store.audit.head()
    expect(tooLong).toThrow()
    expect(store.audit.head()).toEqual(before)
  })

  it('rolls back every change of a failing transaction, including audit rows', () => {
    const { store } = make()
    const s = newSession(store)
    const head = store.audit.head()
    expect(() =>
      store.transaction(() => {
        store.scans.append({ sessionId: s.id, kind: 'device', identifier: 'd1', raw: 'd1', source: 'hid', at: 't' })
        store.sessions.setStatus(s.id, 'paused')
        throw new Error('boom')
      })
    ).toThrow('boom')
    expect(store.scans.list(s.id)).toEqual([])
    expect(store.sessions.require(s.id).status).toBe('open')
    expect(store.audit.head()).toEqual(head)
  })
})
