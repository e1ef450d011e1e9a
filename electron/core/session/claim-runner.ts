import type { ClaimProgress } from '../../../shared/contract'
import { sendClaimBatch } from '../claiming/claim-batch'
import { isTooLarge } from '../claiming/chunking'
import { DtApiError } from '../claiming/errors'
import type { DtClient } from '../claiming/types'
import type { ClaimBatchRecord, ClaimChunkRecord, NewChunk } from '../store/types'
import { claimedOutcomes, reconcileUnknownChunk } from './chunk-outcomes'
import type { EngineContext } from './engine-context'
import { failpoint } from './failpoints'

export interface ClaimRunnerOptions {
  /** Waits between tries when DT is unreachable (default 500 ms doubling to 30 s). */
  retryBaseMs?: number
  /** Give up (batch `failed`, resumed at next start or by retry) after this many tries in a row. */
  maxTries?: number
}

/**
 * Runs confirmed claim batches through the persisted state machine (claiming/claim-batch.ts,
 * reliability.md §4.3). Rules kept here: `sending` is committed before the POST; a chunk in
 * `unknown` is reconciled against DT before ANY further POST of its batch; only devices DT
 * reports unclaimed are sent again (in a new chunk); devices claimed elsewhere are parked for a
 * person and never retried. One batch runs at a time (at most one claim in flight).
 */
export class ClaimRunner {
  private chain: Promise<void> = Promise.resolve()
  private readonly cancelRequested = new Set<string>()
  /** Queued or running batches per session. */
  private readonly running = new Map<string, number>()
  private readonly latest = new Map<string, ClaimProgress>()
  private stopped = false
  private pendingEmit: { batchId: string; etaMs: number | null } | null = null

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: ClaimRunnerOptions = {}
  ) {}

  /** Queue a batch; resolves when it has finished (done, cancelled or failed). */
  run(batchId: string): Promise<void> {
    const b = this.ctx.deps.store.claims.getBatch(batchId)
    if (b) this.running.set(b.sessionId, (this.running.get(b.sessionId) ?? 0) + 1)
    const next = this.chain.then(() => this.runBatch(batchId))
    this.chain = next.catch(() => {})
    return next
  }

  busy(sessionId: string): boolean {
    return (this.running.get(sessionId) ?? 0) > 0
  }

  cancel(sessionId: string): void {
    this.cancelRequested.add(sessionId)
  }

  /** Progress of the session's newest batch (the last pushed one while it runs). */
  progress(sessionId: string): ClaimProgress | null {
    const b = this.ctx.deps.store.claims.listBatches(sessionId)[0]
    if (!b) return null
    const pushed = this.latest.get(sessionId)
    return pushed && pushed.batchId === b.id ? pushed : this.computeProgress(b, null, null)
  }

  /** Resolves when every queued batch has stopped. */
  idle(): Promise<void> {
    return this.chain
  }

  stop(): void {
    this.stopped = true
  }

  private computeProgress(b: ClaimBatchRecord, etaMs: number | null, message: string | null): ClaimProgress {
    const claims = this.ctx.deps.store.claims
    const chunks = claims.chunks(b.id).filter((c) => c.state !== 'cancelled' || c.attempts > 0)
    const devices = claims.devices(b.id).filter((d) => d.status !== 'released')
    return {
      sessionId: b.sessionId,
      batchId: b.id,
      state: b.state,
      chunksDone: chunks.filter((c) => c.finishedAt !== null).length,
      chunksTotal: chunks.length,
      devicesDone: devices.filter((d) => d.status !== 'pending').length,
      devicesTotal: devices.length,
      claimed: devices.filter((d) => d.status === 'claimed').length,
      failed: devices.filter((d) => d.status === 'failed').length,
      etaMs,
      message: message ?? b.message
    }
  }

  private emit(batchId: string, etaMs: number | null, message: string | null = null): void {
    const b = this.ctx.deps.store.claims.getBatch(batchId)
    if (!b) return
    const p = this.computeProgress(b, etaMs, message)
    this.latest.set(b.sessionId, p)
    this.ctx.deps.events.emit('claim.progress', p)
    const m = this.ctx.model(b.sessionId)
    m.reloadResults()
    this.ctx.publish(m)
  }

  /**
   * Progress between chunks is pushed on the next turn of the event loop, so re-reading the rows
   * and rebuilding the preview overlaps the next POST's network wait instead of delaying it.
   * Coalesced: only the latest pending progress is emitted.
   */
  private emitSoon(batchId: string, etaMs: number | null): void {
    const first = this.pendingEmit === null
    this.pendingEmit = { batchId, etaMs }
    if (!first) return
    setImmediate(() => {
      const p = this.pendingEmit
      this.pendingEmit = null
      if (!p) return
      try {
        this.emit(p.batchId, p.etaMs)
      } catch (err) {
        this.ctx.storageError(err)
      }
    })
  }

  private setBatch(id: string, to: ClaimBatchRecord['state'], message?: string | null): void {
    const b = this.ctx.deps.store.claims.getBatch(id)
    if (b && b.state !== to) this.ctx.deps.store.claims.setBatchState(id, to, message === undefined ? undefined : { message })
  }

  private async runBatch(batchId: string): Promise<void> {
    const { store } = this.ctx.deps
    const batch = store.claims.getBatch(batchId)
    if (!batch) return
    const sessionId = batch.sessionId
    const started = Date.now()
    let sentChunks = 0
    let tries = 0
    const base = this.options.retryBaseMs ?? 500
    const maxTries = this.options.maxTries ?? 8
    try {
      const client = await this.ctx.deps.dt()
      for (;;) {
        if (this.stopped) return
        const chunks = store.claims.chunks(batchId)
        const unknown = chunks.filter((c) => c.state === 'unknown')
        if (unknown.length > 0) {
          this.setBatch(batchId, 'reconciling')
          let ok = true
          for (const c of unknown) ok = (await reconcileUnknownChunk(client, store.claims, c, this.orgOf(c))) && ok
          this.emit(batchId, null)
          if (!ok) {
            if (++tries >= maxTries) return this.finish(batchId, 'failed', 'DT could not be reached to check an uncertain claim. It is checked again before anything else is sent.')
            await sleep(Math.min(30_000, base * 2 ** (tries - 1)))
          }
          continue
        }
        const ready = chunks.filter((c) => c.state === 'ready')
        if (this.cancelRequested.has(sessionId) && ready.length > 0) {
          store.transaction(() => {
            for (const c of ready) store.claims.cancelChunk(c.id)
          })
          return this.finish(batchId, 'cancelled', `Cancelled by the operator; ${ready.length} chunk(s) were not sent.`)
        }
        const next = ready[0]
        if (!next) {
          const resplit = this.resplitTooLarge(batchId)
          if (resplit) void this.run(resplit.batchId)
          this.finish(batchId, 'done', resplit ? `DT refused a chunk as too large; its ${resplit.devices} device(s) are sent again in chunks of ${resplit.size}.` : null, resplit !== null)
          return
        }
        this.setBatch(batchId, 'sending')
        const outcome = await this.sendChunk(client, next)
        if (outcome === 'credentials') {
          return this.finish(batchId, 'failed', 'DT refused the service-account credentials; nothing more was sent. A supervisor checks them in Settings, then claim again.')
        }
        if (outcome === 'retry') {
          if (++tries >= maxTries) return this.finish(batchId, 'failed', 'DT could not be reached; the remaining devices were not sent. Retry later.')
          await sleep(Math.min(30_000, base * 2 ** (tries - 1)))
        } else tries = 0
        sentChunks++
        const left = store.claims.chunks(batchId).filter((c) => c.state === 'ready').length
        this.emitSoon(batchId, left > 0 ? Math.round(((Date.now() - started) / sentChunks) * left) : 0)
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      try {
        this.finish(batchId, 'failed', `Claim stopped: ${message}`)
      } catch (inner) {
        this.ctx.storageError(inner)
      }
    } finally {
      const left = (this.running.get(sessionId) ?? 1) - 1
      if (left > 0) this.running.set(sessionId, left)
      else {
        this.running.delete(sessionId)
        this.cancelRequested.delete(sessionId)
      }
    }
  }

  private finish(batchId: string, state: 'done' | 'cancelled' | 'failed', message: string | null, moreQueued = false): void {
    const { store } = this.ctx.deps
    const b = store.claims.getBatch(batchId)
    if (!b) return
    store.transaction(() => {
      if (b.state !== state) store.claims.setBatchState(batchId, state, { message })
      const s = store.sessions.require(b.sessionId)
      const to = state === 'done' ? 'done' : 'open'
      if (s.status === 'committing' && !moreQueued) store.sessions.setStatus(b.sessionId, to)
    })
    const m = this.ctx.model(b.sessionId)
    m.session = store.sessions.require(b.sessionId)
    this.pendingEmit = null // the final state supersedes any queued progress
    this.emit(batchId, null, message)
  }

  /**
   * DT answered "too large" (nothing applied): halve the station's chunk size and queue a new
   * batch with exactly those devices, as device IDs, in smaller chunks. Returns null when no
   * chunk was refused for its size.
   */
  private resplitTooLarge(batchId: string): { batchId: string; devices: number; size: number } | null {
    const { store, settings } = this.ctx.deps
    const refused = store.claims.chunks(batchId).filter((c) => c.state === 'rejected' && (c.response as { tooLarge?: boolean } | null)?.tooLarge === true)
    if (refused.length === 0) return null
    const largest = Math.max(...refused.map((c) => c.request.kitIds.length + c.request.deviceIds.length))
    const size = Math.max(1, Math.floor(Math.min(settings.current().chunkSize, largest) / 2))
    if (largest <= 1) return null // a single ID cannot be made smaller: leave it failed
    const refusedIds = new Set(refused.map((c) => c.id))
    const rows = store.claims.devices(batchId).filter((d) => refusedIds.has(d.chunkId))
    const b = store.claims.getBatch(batchId)
    if (!b || rows.length === 0) return null
    const chunks: NewChunk[] = []
    for (let i = 0; i < rows.length; i += size) {
      const part = rows.slice(i, i + size)
      const ids = part.map((r) => r.deviceId)
      chunks.push({ request: { projectId: b.projectId, kitIds: [], deviceIds: ids, expectedDeviceIds: ids }, devices: part.map((r) => ({ deviceId: r.deviceId, kitId: r.kitId, itemId: r.itemId })) })
    }
    const created = store.claims.createBatch({ sessionId: b.sessionId, projectId: b.projectId, reviewId: b.reviewId, chunks })
    void settings.update({ chunkSize: size })
    return { batchId: created.batch.id, devices: rows.length, size }
  }

  /** One POST of a frozen chunk. Returns 'retry' when DT provably did not apply it. */
  private async sendChunk(client: DtClient, chunk: ClaimChunkRecord): Promise<'ok' | 'retry' | 'credentials'> {
    const claims = this.ctx.deps.store.claims
    claims.beginAttempt(chunk.id)
    failpoint('before_send')
    const out = await sendClaimBatch(client, chunk.request)
    failpoint('after_send_before_commit')
    if (out.state === 'claimed') {
      const devices = await claimedOutcomes(client, claims, chunk, out.result, this.orgOf(chunk))
      claims.finishAttempt(chunk.id, { state: 'claimed', response: out.result, devices })
      failpoint('after_claimed_commit')
      return 'ok'
    }
    if (out.state === 'rejected') {
      const tooLarge = isTooLarge(out.error)
      claims.finishAttempt(chunk.id, { state: 'rejected', error: out.error.message, response: { status: out.error.status, kind: out.error.kind, tooLarge } })
      return 'ok'
    }
    claims.finishAttempt(chunk.id, { state: out.state, error: out.error.message })
    if (out.state === 'ready') {
      // DT refused the service account before anything was sent: retrying cannot help.
      if (out.error instanceof DtApiError && out.error.kind === 'unauthorized') return 'credentials'
      if (out.error instanceof DtApiError && out.error.retryAfterMs) await sleep(Math.min(out.error.retryAfterMs, 600_000))
      return 'retry'
    }
    return 'ok' // unknown: the loop reconciles before anything else is sent
  }

  private orgOf(chunk: ClaimChunkRecord): string | undefined {
    return this.ctx.deps.store.sessions.get(chunk.sessionId)?.organizationId
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
