/**
 * Types of the SQLite store: what the session engine, the CLI and the audit view read and
 * write. Rows map one to one to tables (see docs/store.md); JSON columns come back parsed.
 * Every mutating repository method commits its change and its audit row in ONE transaction
 * and returns only after the commit (WAL + synchronous=FULL), so a returned value is durable.
 */
import type { ClaimBatchRequest, ClaimBatchState } from '../claiming/claim-batch'
import type { KeyValueStore } from '../settings/settings-service'
import type { AuditRow, AuditVerify, Flag, ItemState } from '../../../shared/contract'

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

/** State of the whole claim (contract batchStateSchema). */
export type BatchState = 'ready' | 'sending' | 'reconciling' | 'done' | 'cancelled' | 'failed'

/** State of one chunk = one `devices:claim` POST (claim-batch.ts) plus `cancelled`. */
export type ChunkState = ClaimBatchState | 'cancelled'

/** Per-device claim status. `pending` and `claimed` are live: at most one live row per device. */
export type ClaimDeviceStatus = 'pending' | 'claimed' | 'failed' | 'cancelled' | 'released'

/** One confirmed claim of a session (what the contract calls a batch), split into chunks. */
export interface ClaimBatchRecord {
  id: string
  sessionId: string
  projectId: string
  reviewId: string | null
  state: BatchState
  /** sha256 over the chunk body hashes in order: what was frozen at confirm. */
  bodyHash: string
  deviceCount: number
  kitCount: number
  message: string | null
  createdAt: string
  updatedAt: string
}

/** One POST, frozen at creation. */
export interface ClaimChunkRecord {
  id: string
  batchId: string
  sessionId: string
  /** 0-based order within the batch; resend chunks get the next free index. */
  idx: number
  state: ChunkState
  request: ClaimBatchRequest
  /** sha256 of canonical JSON {projectId, kitIds, deviceIds}: the body that is POSTed. */
  bodyHash: string
  attempts: number
  response: unknown
  reconcile: unknown
  error: string | null
  createdAt: string
  updatedAt: string
  finishedAt: string | null
}

export interface ClaimAttemptRecord {
  chunkId: string
  n: number
  startedAt: string
  finishedAt: string | null
  outcome: 'claimed' | 'rejected' | 'ready' | 'unknown' | null
  response: unknown
  error: string | null
}

export interface ClaimDeviceRecord {
  batchId: string
  chunkId: string
  sessionId: string
  projectId: string
  deviceId: string
  kitId: string | null
  itemId: string | null
  status: ClaimDeviceStatus
  code: string | null
  message: string | null
  updatedAt: string
}

export interface NewChunk {
  request: ClaimBatchRequest
  /** Every device the chunk covers (= request.expectedDeviceIds), with its kit and item. */
  devices: { deviceId: string; kitId?: string | null; itemId?: string | null }[]
}

/** Per-device outcome to record. `failed` releases the device for a later batch. */
export interface DeviceOutcome {
  deviceId: string
  status: 'claimed' | 'failed'
  code?: string | null
  message?: string | null
}

export interface ClaimedHere {
  deviceId: string
  projectId: string
  sessionId: string
  batchId: string
  claimedAt: string
}

export interface ClaimsRepo {
  /**
   * Freeze a batch: batch `ready`, its chunks `ready`, every device `pending`. Throws DockError
   * 'conflict' naming the device if one is already live in another batch. Audited `claim.ready`.
   */
  createBatch(
    input: { id?: string; sessionId: string; projectId: string; reviewId?: string | null; chunks: NewChunk[] },
    audit?: AuditInput
  ): { batch: ClaimBatchRecord; chunks: ClaimChunkRecord[] }
  getBatch(id: string): ClaimBatchRecord | null
  /** Newest first. */
  listBatches(sessionId: string): ClaimBatchRecord[]
  /** Batches in ready / sending / reconciling / failed (recovery at start). */
  unfinishedBatches(): ClaimBatchRecord[]
  /** Validated transition; audited `claim.batch.<to>`. Throws 'conflict' when not allowed. */
  setBatchState(id: string, to: BatchState, opts?: { message?: string | null }, audit?: AuditInput): ClaimBatchRecord
  getChunk(id: string): ClaimChunkRecord | null
  /** Chunks of a batch by idx. */
  chunks(batchId: string): ClaimChunkRecord[]
  attempts(chunkId: string): ClaimAttemptRecord[]
  /** ready → sending, attempt n+1 row. Commit this BEFORE the POST. Audited `claim.sending`. */
  beginAttempt(chunkId: string, audit?: AuditInput): { chunk: ClaimChunkRecord; attempt: ClaimAttemptRecord }
  /**
   * sending → claimed | rejected | ready | unknown; closes the open attempt. On `claimed` the
   * per-device outcomes are recorded (devices not listed stay pending); on `rejected` every
   * pending device becomes failed. Audited `claim.<state>` with the response.
   */
  finishAttempt(
    chunkId: string,
    outcome: { state: 'claimed' | 'rejected' | 'ready' | 'unknown'; response?: unknown; error?: string | null; devices?: DeviceOutcome[] },
    audit?: AuditInput
  ): ClaimChunkRecord
  /** A chunk found in `sending`/`reconciling` after a restart becomes `unknown`. Audited. */
  markUnknownAfterRestart(chunkId: string, audit?: AuditInput): ClaimChunkRecord
  /** unknown → reconciling. Audited `claim.reconciling`. */
  beginReconcile(chunkId: string, audit?: AuditInput): ClaimChunkRecord
  /** reconciling → unknown (DT could not be asked). Audited. */
  abortReconcile(chunkId: string, error: string, audit?: AuditInput): ClaimChunkRecord
  /**
   * reconciling → reconciled: store the reconcile JSON, record device outcomes, and when
   * `resend` is given release those devices and add them as a NEW ready chunk, atomically.
   */
  finishReconcile(
    chunkId: string,
    input: { reconcile: unknown; devices: DeviceOutcome[]; resend?: NewChunk | null },
    audit?: AuditInput
  ): { chunk: ClaimChunkRecord; resend: ClaimChunkRecord | null }
  /** ready → cancelled; its pending devices become `cancelled` (released). Audited. */
  cancelChunk(chunkId: string, audit?: AuditInput): ClaimChunkRecord
  /** Per-device rows of a batch (all chunks). */
  devices(batchId: string): ClaimDeviceRecord[]
  /** The live (pending/claimed) row of a device, if any. */
  liveDevice(deviceId: string): ClaimDeviceRecord | null
  /** Devices this station's DB saw claimed successfully (indexed; any number of IDs). */
  claimedHere(deviceIds: readonly string[]): Map<string, ClaimedHere>
  /** Human override: a claimed device is no longer considered claimed here. Audited. */
  releaseDevice(deviceId: string, reason: string, audit?: AuditInput): void
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
