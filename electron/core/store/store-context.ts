import type BetterSqlite3 from 'better-sqlite3'
import { isFatalSqliteCode, StorageError, translateSqliteError } from './errors'

/** What every repository gets: the connection, the clock and the guarded transaction runner. */
export interface StoreContext {
  db: BetterSqlite3.Database
  station: string
  /** ISO timestamp from the injected clock. */
  now(): string
  /** BEGIN IMMEDIATE … COMMIT (a savepoint when nested); errors translated; refused after a fault. */
  tx<T>(fn: () => T): T
  /** Reads: errors translated only. */
  read<T>(fn: () => T): T
  fault(): string | null
}

export function createStoreContext(db: BetterSqlite3.Database, station: string, clock: () => Date): StoreContext {
  let fault: string | null = null
  const translate = (err: unknown): unknown => {
    const out = translateSqliteError(err)
    if (out instanceof StorageError && out.sqliteCode && isFatalSqliteCode(out.sqliteCode) && fault === null) {
      // Fail closed (reliability.md §3.3): after an I/O or disk-full error nothing more is
      // acknowledged until a restart proves the disk works again.
      fault = out.message
    }
    return out
  }
  return {
    db,
    station,
    now: () => clock().toISOString(),
    fault: () => fault,
    tx<T>(fn: () => T): T {
      if (fault !== null && !db.inTransaction) {
        throw new StorageError(`Storage failed earlier (${fault}); restart Dock Claim before scanning again.`)
      }
      try {
        return db.transaction(fn).immediate()
      } catch (err) {
        throw translate(err)
      }
    },
    read<T>(fn: () => T): T {
      try {
        return fn()
      } catch (err) {
        throw translate(err)
      }
    }
  }
}

/** JSON column value: undefined/null → SQL NULL. */
export function toJsonColumn(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value)
}

export function fromJsonColumn(text: unknown): unknown {
  return typeof text === 'string' ? (JSON.parse(text) as unknown) : null
}
