import { DtAmbiguousError, DtApiError } from './errors'
import type { ClaimDevice, ClaimItemError, ClaimResult, DtClient } from './types'

/** One claim request's worth of items. */
export interface ClaimChunk {
  kitIds: string[]
  deviceIds: string[]
}

/**
 * What happened to one chunk. A chunk whose POST never left (token fetch failed, connection
 * refused) is `not_sent` with its `error`; after it, or an `ambiguous` or `rejected` chunk, the
 * rest are `not_sent` with no error.
 */
export interface ChunkOutcome extends ClaimChunk {
  status: 'done' | 'ambiguous' | 'rejected' | 'not_sent'
  result: ClaimResult | null
  error: Error | null
}

export interface ChunkedClaimResult {
  chunks: ChunkOutcome[]
  claimedDevices: ClaimDevice[]
  errors: ClaimItemError[]
  /** The chunk size in use at the end (smaller than asked when DT said "too large"). */
  finalChunkSize: number
}

/**
 * True for DT's "this claim is too large" answer. DT documents no batch limit (dt-api.md §7);
 * we assume a 400 or 413 whose message says "too many" or "too large" — the simulator answers
 * `400 {"error":"too many items in claim request: N given, at most M allowed"}`. Nothing was
 * applied, so halving and re-sending is safe even for a real claim.
 */
export function isTooLarge(err: unknown): boolean {
  // A notSent 400 is the identity service refusing the credentials, not DT sizing the claim.
  if (!(err instanceof DtApiError) || err.notSent || (err.status !== 400 && err.status !== 413)) return false
  return /too (many|large)/i.test(err.body?.error ?? err.message)
}

/** Split kit IDs then device IDs into chunks of at most `size` items (a kit counts as one item). */
export function splitIntoChunks(kitIds: readonly string[], deviceIds: readonly string[], size: number): ClaimChunk[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunk size must be a positive integer, got ${size}`)
  const items = [...kitIds.map((id) => ({ kit: true, id })), ...deviceIds.map((id) => ({ kit: false, id }))]
  const chunks: ClaimChunk[] = []
  for (let i = 0; i < items.length; i += size) {
    const slice = items.slice(i, i + size)
    chunks.push({ kitIds: slice.filter((x) => x.kit).map((x) => x.id), deviceIds: slice.filter((x) => !x.kit).map((x) => x.id) })
  }
  return chunks
}

/**
 * Claim (or dry-run) many items in chunks. A "too large" answer halves the chunk size and
 * re-sends that chunk; the smaller size is kept for the rest. The first ambiguous outcome
 * (real claims only) or definitive rejection stops the run: later chunks are `not_sent`, and
 * an ambiguous chunk must be reconciled (reconcile.ts) before anything in it is re-sent.
 *
 * For real claims the session engine should persist each chunk as a claim batch
 * (claim-batch.ts) rather than call this in one go; this helper suits dry runs and the CLI.
 */
export async function claimInChunks(
  client: DtClient,
  projectId: string,
  body: { kitIds?: readonly string[]; deviceIds?: readonly string[] },
  opts: { dryRun: boolean; chunkSize?: number }
): Promise<ChunkedClaimResult> {
  let size = opts.chunkSize ?? 100
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunk size must be a positive integer, got ${size}`)
  const pending = [...(body.kitIds ?? []).map((id) => ({ kit: true, id })), ...(body.deviceIds ?? []).map((id) => ({ kit: false, id }))]
  const out: ChunkedClaimResult = { chunks: [], claimedDevices: [], errors: [], finalChunkSize: size }
  let stopped = false
  while (pending.length > 0) {
    const slice = pending.slice(0, size)
    const chunk: ClaimChunk = { kitIds: slice.filter((x) => x.kit).map((x) => x.id), deviceIds: slice.filter((x) => !x.kit).map((x) => x.id) }
    if (stopped) {
      out.chunks.push({ ...chunk, status: 'not_sent', result: null, error: null })
      pending.splice(0, slice.length)
      continue
    }
    try {
      const result = await client.claim(projectId, chunk, { dryRun: opts.dryRun })
      out.chunks.push({ ...chunk, status: 'done', result, error: null })
      out.claimedDevices.push(...result.claimedDevices)
      out.errors.push(...result.errors)
      pending.splice(0, slice.length)
    } catch (err) {
      if (isTooLarge(err) && size > 1) {
        size = Math.max(1, Math.floor(size / 2))
        out.finalChunkSize = size
        continue
      }
      const status = err instanceof DtAmbiguousError ? 'ambiguous' : err instanceof DtApiError && err.notSent ? 'not_sent' : 'rejected'
      out.chunks.push({ ...chunk, status, result: null, error: err instanceof Error ? err : new Error(String(err)) })
      pending.splice(0, slice.length)
      stopped = true
    }
  }
  return out
}
