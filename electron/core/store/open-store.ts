import Database from 'better-sqlite3'
import { createAuditLog } from './audit-log'
import { createClaimsRepo } from './claims-repo'
import { StorageError, StoreLockedError, translateSqliteError } from './errors'
import { createItemsRepo } from './items-repo'
import { createKvRepo, INTERNAL_KEY_PREFIX } from './kv-repo'
import { createManifestsRepo } from './manifests-repo'
import { migrate } from './migrations'
import { assertLocalDatabasePath } from './path-safety'
import { createScansRepo } from './scans-repo'
import { createSessionsRepo } from './sessions-repo'
import { createStoreContext } from './store-context'
import type { Store, StoreOptions } from './types'

export type * from './types'
export { StorageError, StoreLockedError } from './errors'

/** After the lock is held, writes may wait this long for SQLite's own busy states. */
const BUSY_TIMEOUT_MS = 5000

/**
 * Open (creating if needed) the Dock Claim database and take its exclusive lock.
 *
 * - WAL + synchronous=FULL: a commit is on disk (fsynced) when a write method returns, so the
 *   UI may acknowledge it (reliability.md §3.1).
 * - locking_mode=EXCLUSIVE plus a write at startup: the OS file lock is held for the life of
 *   the connection, so a second Dock Claim (another window, the CLI, a second user profile) gets
 *   StoreLockedError, and a crashed process's lock vanishes with it (§5.2).
 * - Network paths are refused (WAL needs a local disk).
 */
export function openStore(options: StoreOptions): Store {
  assertLocalDatabasePath(options.path)
  const clock = options.clock ?? (() => new Date())
  let db: Database.Database
  try {
    db = new Database(options.path, { timeout: options.lockTimeoutMs ?? 250 })
  } catch (err) {
    throw asOpenError(err, options.path)
  }
  try {
    // Order matters: EXCLUSIVE before WAL means no shared-memory index, so the file lock alone
    // guards the database (and WAL works without -shm).
    db.pragma('locking_mode = EXCLUSIVE')
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal' && options.path !== ':memory:') throw new StorageError(`Could not switch the database to WAL mode (got ${String(mode)}).`)
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    if (options.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxPageCount))}`)
    migrate(db)
    // The startup write takes the exclusive lock now rather than at the first scan.
    db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(
      `${INTERNAL_KEY_PREFIX}opened`,
      JSON.stringify({ pid: process.pid, station: options.station }),
      clock().toISOString()
    )
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  } catch (err) {
    db.close()
    throw asOpenError(err, options.path)
  }

  const ctx = createStoreContext(db, options.station, clock)
  const audit = createAuditLog(ctx)
  const integrity = db.prepare('PRAGMA integrity_check').pluck()
  return {
    path: options.path,
    station: options.station,
    kv: createKvRepo(ctx, audit),
    sessions: createSessionsRepo(ctx, audit),
    scans: createScansRepo(ctx, audit),
    items: createItemsRepo(ctx, audit),
    manifests: createManifestsRepo(ctx, audit),
    claims: createClaimsRepo(ctx, audit),
    audit,
    transaction: (fn) => ctx.tx(fn),
    integrityCheck: () => ctx.read(() => integrity.all() as string[]),
    schemaVersion: () => db.pragma('user_version', { simple: true }) as number,
    diagnostics: () =>
      ctx.read(() => ({
        journalMode: String(db.pragma('journal_mode', { simple: true })),
        synchronous: Number(db.pragma('synchronous', { simple: true })),
        lockingMode: String(db.pragma('locking_mode', { simple: true })),
        foreignKeys: db.pragma('foreign_keys', { simple: true }) === 1,
        schemaVersion: db.pragma('user_version', { simple: true }) as number,
        auditRows: audit.head()?.seq ?? 0
      })),
    get fault() {
      return ctx.fault()
    },
    close() {
      if (db.open) db.close()
    }
  }
}

function asOpenError(err: unknown, path: string): unknown {
  if (err instanceof Database.SqliteError && (err.code.startsWith('SQLITE_BUSY') || err.code === 'SQLITE_LOCKED')) {
    return new StoreLockedError(path)
  }
  if (err instanceof StorageError) return err
  const out = translateSqliteError(err)
  if (out instanceof StorageError) return new StorageError(`Could not open the database ${path}: ${out.message}`, out.sqliteCode)
  if (err instanceof TypeError || (err instanceof Error && /directory does not exist/i.test(err.message))) {
    return new StorageError(`Could not open the database ${path}: ${err.message}`)
  }
  return out
}
