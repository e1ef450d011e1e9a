import Database from 'better-sqlite3'
import { DockError } from '../../../shared/contract'

/**
 * SQLite could not store or read something. Carries the contract code 'storage_error' so the
 * dispatcher reports it as such; the UI shows the red storage screen and nothing is acknowledged.
 */
export class StorageError extends DockError {
  constructor(
    message: string,
    /** The SQLite extended result code (e.g. SQLITE_IOERR_FSYNC), when there is one. */
    readonly sqliteCode: string | null = null
  ) {
    super('storage_error', message)
    this.name = 'StorageError'
  }
}

/** Another process (a second Dock Claim, the CLI) holds the database's exclusive lock. */
export class StoreLockedError extends StorageError {
  constructor(path: string) {
    super(
      `The database ${path} is in use by another Dock Claim (app window or CLI) on this computer. ` +
        'Close the other one and try again.',
      'SQLITE_BUSY'
    )
    this.name = 'StoreLockedError'
  }
}

/** Result codes after which the disk cannot be trusted until a restart (reliability.md §3.3). */
export function isFatalSqliteCode(code: string): boolean {
  return (
    code.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_FULL' ||
    code.startsWith('SQLITE_CORRUPT') ||
    code === 'SQLITE_NOTADB' ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN')
  )
}

/**
 * Map a thrown value to what callers may see: storage faults → StorageError, constraint
 * violations → DockError (conflict for UNIQUE, invalid_input for CHECK / length), the trigger
 * that guards the audit log → StorageError. Anything else passes through unchanged.
 */
export function translateSqliteError(err: unknown): unknown {
  if (!(err instanceof Database.SqliteError)) return err
  const code = err.code
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new DockError('conflict', `Already stored: ${err.message}`)
  }
  if (code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_NOTNULL' || code === 'SQLITE_CONSTRAINT_DATATYPE') {
    return new DockError('invalid_input', `Refused by the database: ${err.message}`)
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new DockError('not_found', `Refers to a row that does not exist: ${err.message}`)
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED') {
    return new StorageError(`The database is busy (${err.message})`, code)
  }
  return new StorageError(`Storage error ${code}: ${err.message}`, code)
}
