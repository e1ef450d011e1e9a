import { createHash } from 'node:crypto'
import { canTransition, type ClaimBatchRequest, type ClaimBatchState } from '../claiming/claim-batch'
import { canonicalJson } from './canonical-json'
import type { BatchState, ChunkState } from './types'

/** Batch-level transitions. done and cancelled are final; failed waits for a person. */
export const BATCH_TRANSITIONS: Record<BatchState, readonly BatchState[]> = {
  ready: ['ready', 'sending', 'cancelled', 'failed', 'done'],
  sending: ['sending', 'reconciling', 'done', 'cancelled', 'failed', 'ready'],
  reconciling: ['reconciling', 'sending', 'done', 'failed', 'ready', 'cancelled'],
  failed: ['failed', 'ready', 'sending', 'reconciling', 'cancelled', 'done'],
  done: [],
  cancelled: []
}

/** Chunk transitions: claim-batch.ts plus ready → cancelled (cancel between chunks). */
export const chunkCan = (from: ChunkState, to: ChunkState): boolean =>
  from === 'cancelled' ? false : to === 'cancelled' ? from === 'ready' : canTransition(from, to as ClaimBatchState)

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/** The hash of what is POSTed: the body DT sees plus the target project. */
export function claimBodyHash(req: ClaimBatchRequest): string {
  return sha256(canonicalJson({ projectId: req.projectId, kitIds: req.kitIds, deviceIds: req.deviceIds }))
}
