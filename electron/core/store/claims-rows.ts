import type { ClaimBatchRequest } from '../claiming/claim-batch'
import { fromJsonColumn } from './store-context'
import type { BatchState, ChunkState, ClaimAttemptRecord, ClaimBatchRecord, ClaimChunkRecord, ClaimDeviceRecord, ClaimDeviceStatus } from './types'

/** Row shapes of the claim tables and their mapping to records. */
export interface BatchRow {
  id: string
  session_id: string
  project_id: string
  review_id: string | null
  state: BatchState
  body_hash: string
  device_count: number
  kit_count: number
  message: string | null
  created_at: string
  updated_at: string
}
export interface ChunkRow {
  id: string
  batch_id: string
  session_id: string
  idx: number
  state: ChunkState
  project_id: string
  request_json: string
  body_hash: string
  attempts: number
  response_json: string | null
  reconcile_json: string | null
  error: string | null
  created_at: string
  updated_at: string
  finished_at: string | null
}
export interface AttemptRow {
  chunk_id: string
  n: number
  started_at: string
  finished_at: string | null
  outcome: ClaimAttemptRecord['outcome']
  response_json: string | null
  error: string | null
}
export interface DeviceRow {
  batch_id: string
  chunk_id: string
  session_id: string
  project_id: string
  device_id: string
  kit_id: string | null
  item_id: string | null
  status: ClaimDeviceStatus
  code: string | null
  message: string | null
  updated_at: string
}

export const mapBatch = (r: BatchRow): ClaimBatchRecord => ({
  id: r.id,
  sessionId: r.session_id,
  projectId: r.project_id,
  reviewId: r.review_id,
  state: r.state,
  bodyHash: r.body_hash,
  deviceCount: r.device_count,
  kitCount: r.kit_count,
  message: r.message,
  createdAt: r.created_at,
  updatedAt: r.updated_at
})

export const mapChunk = (r: ChunkRow): ClaimChunkRecord => ({
  id: r.id,
  batchId: r.batch_id,
  sessionId: r.session_id,
  idx: r.idx,
  state: r.state,
  request: JSON.parse(r.request_json) as ClaimBatchRequest,
  bodyHash: r.body_hash,
  attempts: r.attempts,
  response: fromJsonColumn(r.response_json),
  reconcile: fromJsonColumn(r.reconcile_json),
  error: r.error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at
})

export const mapAttempt = (r: AttemptRow): ClaimAttemptRecord => ({
  chunkId: r.chunk_id,
  n: r.n,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  outcome: r.outcome,
  response: fromJsonColumn(r.response_json),
  error: r.error
})

export const mapDevice = (r: DeviceRow): ClaimDeviceRecord => ({
  batchId: r.batch_id,
  chunkId: r.chunk_id,
  sessionId: r.session_id,
  projectId: r.project_id,
  deviceId: r.device_id,
  kitId: r.kit_id,
  itemId: r.item_id,
  status: r.status,
  code: r.code,
  message: r.message,
  updatedAt: r.updated_at
})
