// PLACEHOLDER written by the lead so create-core compiles; the session-engine helper replaces
// this file with the real better-sqlite3 store (same exported names).
import { MemoryKeyValueStore, type KeyValueStore } from '../settings/settings-service'

export interface StoreOptions {
  /** SQLite file path. */
  path: string
  station: string
  clock?: () => Date
}

export interface Store {
  kv: KeyValueStore
  close(): void
}

export function openStore(_options: StoreOptions): Store {
  return { kv: new MemoryKeyValueStore(), close() {} }
}
