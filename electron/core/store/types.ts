/**
 * Types of the SQLite store: what the session engine, the CLI and the audit view read and
 * write. Rows map one to one to tables (see docs/store.md); JSON columns come back parsed.
 * Every mutating repository method commits its change and its audit row in ONE transaction
 * and returns only after the commit (WAL + synchronous=FULL), so a returned value is durable.
 */
import type { ClaimsRepo } from './claim-types'
import type { KeyValueStore } from '../settings/settings-service'
import type { AuditRow, AuditVerify, Flag, ItemState } from '../../../shared/contract'

export type * from './claim-types'

/** Options for {@link openStore}. */
export interface StoreOptions {
  /** SQLite file path (a local disk; network shares are refused). */
  path: string
  /** This station's name; written into every audit row and new session. */
  station: string
  /** Injected clock for timestamps (tests); defaults to `() => new Date()`. */
  clock?: () => Date
  /** How long to wait for the exclusive lock at open before refusing (ms, default 250). */
  lockTimeoutMs?: number
  /** Cap the file at this many pages (PRAGMA max_page_count): a guard, and how tests make SQLITE_FULL. */
  maxPageCount?: number
}

/** Connection settings as SQLite reports them (about screen, tests). */
export interface StoreDiagnostics {
  journalMode: string
  /** 2 = FULL. */
  synchronous: number
  lockingMode: string
  foreignKeys: boolean
  schemaVersion: number
  auditRows: number
}

/** Where a scan came from. */
export type ScanSource = 'hid' | 'wedge' | 'manual' | 'file'

/** Session lifecycle (shared/contract sessionStatusSchema). */
export type SessionStatus = 'open' | 'paused' | 'committing' | 'done'

/**
 * Extra audit fields a caller may pass to any mutating method. The store always writes one
 * audit row per mutation with a default event type, subject and payload; these fields override
 * or extend them (payload keys are merged over the default payload).
 */
export interface AuditInput {
  eventType?: string
  subject?: string | null
  outcome?: string
  payload?: Record<string, unknown>
  /** Defaults to the session's operator when the row belongs to a session. */
  operator?: string | null
  sessionId?: string | null
}

/** A full audit entry for {@link AuditLog.append}. */
export interface AuditEntry {
  eventType: string
  outcome: string
  subject?: string | null
  payload?: unknown
  operator?: string | null
  sessionId?: string | null
}

/** Filters of the audit view (shared/contract auditQuerySchema, after defaults). */
export interface AuditFilter {
  /** Substring match on subject or payload (case-insensitive for ASCII). */
  text?: string
  sessionId?: string
  operator?: string
  outcome?: string
  /** Inclusive lower bound on ts (ISO string compare). */
  from?: string
  /** Inclusive upper bound on ts; a date-only value (YYYY-MM-DD) covers that whole day. */
  to?: string
  limit?: number
  offset?: number
  /** Only rows with a larger seq (iterate / pages / csvPages only): incremental exports. */
  afterSeq?: number
}

/** The append-only, hash-chained audit log. */
export interface AuditLog {
  /** Append one row (inside the caller's transaction if there is one). */
  append(entry: AuditEntry): AuditRow
  /** Walk the whole chain; names the first row that does not verify. */
  verify(): AuditVerify
  query(filter: AuditFilter): { rows: AuditRow[]; total: number }
  /** Rows matching the filter (limit/offset ignored), streamed in seq order, with prev_hash. */
  iterate(filter: AuditFilter): IterableIterator<AuditRow & { prevHash: string }>
  /**
   * Raw rows (seq, ts, station, operator, session_id, event_type, subject, outcome, payload,
   * prev_hash, hash) matching the filter in seq order, a page of arrays at a time: the bulk path
   * for exports.
   */
  pages(filter: AuditFilter): IterableIterator<(string | number | null)[][]>
  /** CSV of the matching rows (no header) as UTF-8 bytes, rendered inside SQLite a page at a time. */
  csvPages(filter: AuditFilter): IterableIterator<Buffer>
  /** Highest seq and its hash, or null for an empty log. */
  head(): { seq: number; hash: string } | null
  /**
   * Compare an external anchor (a `(seq, hash)` pair copied off the station earlier, e.g. from an
   * `audit.exported` row or a receipt) with the log: a rewritten or truncated chain fails here
   * even when verify() passes.
   */
  checkAnchor(anchor: { seq: number; hash: string }): { ok: boolean; reason: string | null }
}

/** A session row (the contract's Session without the computed summary). */
export interface SessionRecord {
  id: string
  organizationId: string
  projectId: string
  projectName: string
  operator: string
  station: string
  reference: string | null
  status: SessionStatus
  createdAt: string
  updatedAt: string
}

export interface NewSession {
  /** Generated (UUID) when omitted. */
  id?: string
  organizationId: string
  projectId: string
  projectName: string
  operator: string
  reference: string | null
}

export interface SessionsRepo {
  /** Creates an `open` session for this station. Audited as `session.started`. */
  create(input: NewSession, audit?: AuditInput): SessionRecord
  get(id: string): SessionRecord | null
  /** Like get, but throws DockError 'not_found'. */
  require(id: string): SessionRecord
  /** All sessions, newest first. */
  list(): SessionRecord[]
  /** Audited as `session.status` with from/to. Throws 'not_found' for an unknown id. */
  setStatus(id: string, status: SessionStatus, audit?: AuditInput): SessionRecord
}

/** Local classification of a scan (the parser's verdict; DT's lookup decides kit vs device). */
export type ScanKind = 'device' | 'kit' | 'identifier' | 'control' | 'invalid'

/** One durable scan. Never deleted: undo/remove sets `removedAt`. */
export interface ScanRecord {
  id: string
  sessionId: string
  /** Global insertion order (monotonic within a session too). */
  seq: number
  kind: ScanKind
  /** Device/kit ID, control command, or for invalid scans the safe display text. */
  identifier: string
  /** Raw payload as received (≤ 4096 chars). */
  raw: string
  /** Why an invalid scan was refused. */
  reason: string | null
  source: ScanSource
  scannerId: string | null
  /** AIM symbology identifier from the scanner, if any. */
  aim: string | null
  /** When the scanner produced it. */
  at: string
  /** When it was committed. */
  recordedAt: string
  itemId: string | null
  removedAt: string | null
  removedReason: string | null
}

export interface NewScan {
  id?: string
  sessionId: string
  kind: ScanKind
  identifier: string
  raw: string
  reason?: string | null
  source: ScanSource
  scannerId?: string | null
  aim?: string | null
  at: string
  itemId?: string | null
}

export interface ScansRepo {
  /** Durable when it returns. Audited as `scan.recorded` (subject = identifier). */
  append(input: NewScan, audit?: AuditInput): ScanRecord
  get(id: string): ScanRecord | null
  list(sessionId: string, opts?: { includeRemoved?: boolean }): ScanRecord[]
  /** Most recent scan of the session that is not removed (undo target). */
  last(sessionId: string, opts?: { kinds?: ScanKind[] }): ScanRecord | null
  /** Link a scan to the preview item it made. Not audited (bookkeeping). */
  setItem(scanId: string, itemId: string | null): void
  /** Marks removed (never deletes). Audited as `scan.removed`. */
  markRemoved(id: string, reason: string, audit?: AuditInput): ScanRecord
}

/** A preview row. `lookup`, `result` and `data` are free JSON owned by the session engine. */
export interface ItemRecord {
  id: string
  sessionId: string
  kind: 'kit' | 'device' | 'problem'
  identifier: string
  state: ItemState
  flags: Flag[]
  lookup: unknown
  result: unknown
  data: unknown
  scanId: string | null
  source: ScanSource
  scannerId: string | null
  scannedAt: string
  createdAt: string
  updatedAt: string
  lookupAttempts: number
  lookupError: string | null
  removedAt: string | null
  removedReason: string | null
}

export interface NewItem {
  id?: string
  sessionId: string
  kind: ItemRecord['kind']
  identifier: string
  state: ItemState
  flags?: Flag[]
  lookup?: unknown
  result?: unknown
  data?: unknown
  scanId?: string | null
  source: ScanSource
  scannerId?: string | null
  scannedAt: string
}

/** Fields that may change; omitted fields keep their value (null clears JSON fields). */
export interface ItemPatch {
  kind?: ItemRecord['kind']
  identifier?: string
  state?: ItemState
  flags?: Flag[]
  lookup?: unknown
  result?: unknown
  data?: unknown
  lookupAttempts?: number
  lookupError?: string | null
}

export interface ItemsRepo {
  /** Not audited unless `audit` is given (the scan is already audited). */
  insert(input: NewItem, audit?: AuditInput): ItemRecord
  /** Not audited unless `audit` is given. Throws 'not_found'. */
  update(id: string, patch: ItemPatch, audit?: AuditInput): ItemRecord
  get(id: string): ItemRecord | null
  /** In creation order (oldest first). */
  list(sessionId: string, opts?: { includeRemoved?: boolean }): ItemRecord[]
  /** Live items of the session with this identifier. */
  findByIdentifier(sessionId: string, identifier: string): ItemRecord[]
  /** True when a live item with this identifier exists in any other session (duplicate policy "ever"). */
  seenInOtherSession(identifier: string, exceptSessionId: string): boolean
  /** Live items in these states, across sessions unless `sessionId` (background lookups). */
  listByState(states: ItemState[], sessionId?: string): ItemRecord[]
  /** Marks removed. Audited as `item.removed`. */
  markRemoved(id: string, reason: string, audit?: AuditInput): ItemRecord
}

export interface ManifestRow {
  kitId: string
  expectedDevices: number | null
}

export interface ManifestRecord {
  id: number
  sessionId: string
  importedAt: string
  sourceName: string | null
  rowCount: number
  /** sha256 of the imported text, if given. */
  textSha256: string | null
  rows: ManifestRow[]
}

export interface ManifestsRepo {
  /** A new import supersedes earlier ones. Audited as `manifest.imported`. */
  import(sessionId: string, rows: ManifestRow[], meta?: { sourceName?: string | null; text?: string }, audit?: AuditInput): ManifestRecord
  latest(sessionId: string): ManifestRecord | null
}

/** The store: one SQLite connection holding the exclusive lock for its lifetime. */
export interface Store {
  readonly path: string
  readonly station: string
  /** Settings persistence (settings table). setJson is audited as `settings.changed`. */
  kv: KeyValueStore
  sessions: SessionsRepo
  scans: ScansRepo
  items: ItemsRepo
  manifests: ManifestsRepo
  claims: ClaimsRepo
  audit: AuditLog
  /**
   * Run fn in one BEGIN IMMEDIATE transaction (nested calls become savepoints). fn must be
   * synchronous. SQLite errors come out as StorageError / DockError.
   */
  transaction<T>(fn: () => T): T
  /** `PRAGMA integrity_check` result lines (['ok'] when healthy). */
  integrityCheck(): string[]
  /** Applied migration version (PRAGMA user_version). */
  schemaVersion(): number
  diagnostics(): StoreDiagnostics
  /** Set after an I/O / disk-full error: writes are refused until the app restarts. */
  readonly fault: string | null
  close(): void
}
