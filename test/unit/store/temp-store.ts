import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { openStore, type Store } from '../../../electron/core/store/open-store'

/** A real store on a temp file with a stepping clock (1 s per call), plus cleanup. */
export function tempStore(station = 'desk-1'): { store: Store; dir: string; path: string; reopen(): Store; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dock-store-'))
  const path = join(dir, 'dock.db')
  let t = Date.parse('2026-03-01T08:00:00.000Z')
  const clock = () => new Date((t += 1000))
  const holder = { store: openStore({ path, station, clock }) }
  return {
    get store() {
      return holder.store
    },
    dir,
    path,
    reopen() {
      holder.store.close()
      holder.store = openStore({ path, station, clock })
      return holder.store
    },
    cleanup() {
      holder.store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export const newSession = (store: Store, over: Partial<Parameters<Store['sessions']['create']>[0]> = {}) =>
  store.sessions.create({ organizationId: 'org-1', projectId: 'proj-1', projectName: 'Warehouse A', operator: 'ann', reference: 'PO-1', ...over })

/**
 * Per-test temp stores: returns a factory; every store it made is closed and deleted after each
 * test, together with anything registered with `factory.defer(fn)` (extra connections, dirs).
 */
export function useTempStores(): ((station?: string) => ReturnType<typeof tempStore>) & { defer(fn: () => void): void } {
  const cleanups: (() => void)[] = []
  afterEach(() => {
    while (cleanups.length) cleanups.pop()?.()
  })
  const make = (station?: string) => {
    const t = tempStore(station)
    cleanups.push(t.cleanup)
    return t
  }
  return Object.assign(make, { defer: (fn: () => void) => void cleanups.push(fn) })
}
