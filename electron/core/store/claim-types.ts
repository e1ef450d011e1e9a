/**
 * Types of the claim tables: a batch (the contract's batch, one confirmed claim) holds chunks
 * (one `devices:claim` POST each, the state machine of claiming/claim-batch.ts), their attempts
 * and one row per device. See docs/store.md.
 */
import type { ClaimBatchRequest, ClaimBatchState } from '../claiming/claim-batch'
import type { AuditInput } from './types'

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
