import { randomUUID } from 'node:crypto'
import { DockError } from '../../../shared/contract'
import { claimBatchRequestSchema } from '../claiming/claim-batch'
import type { AuditWriter } from './audit-log'
import { BATCH_TRANSITIONS, chunkCan, claimBodyHash, sha256 } from './claim-transitions'
import { canonicalJson } from './canonical-json'
import { mapAttempt, mapBatch, mapChunk, mapDevice, type AttemptRow, type BatchRow, type ChunkRow, type DeviceRow } from './claims-rows'
import { toJsonColumn, type StoreContext } from './store-context'
import type { ChunkState, ClaimChunkRecord, ClaimsRepo, DeviceOutcome, NewChunk } from './types'

export { claimBodyHash } from './claim-transitions'

export function createClaimsRepo(ctx: StoreContext, audit: AuditWriter): ClaimsRepo {
  const { db } = ctx
  const s = {
    insertBatch: db.prepare(
      `INSERT INTO claim_batches (id, session_id, project_id, review_id, state, body_hash, device_count, kit_count, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'ready', ?, ?, ?, ?, ?)`
    ),
    insertChunk: db.prepare(
      `INSERT INTO claim_chunks (id, batch_id, session_id, idx, state, project_id, request_json, body_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'ready', ?, ?, ?, ?, ?)`
    ),
    insertDevice: db.prepare(
      `INSERT INTO claim_devices (batch_id, chunk_id, session_id, project_id, device_id, kit_id, item_id, status, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`
    ),
    batch: db.prepare('SELECT * FROM claim_batches WHERE id = ?'),
    batches: db.prepare('SELECT * FROM claim_batches WHERE session_id = ? ORDER BY created_at DESC, rowid DESC'),
    unfinished: db.prepare("SELECT * FROM claim_batches WHERE state IN ('ready','sending','reconciling','failed') ORDER BY created_at, rowid"),
    setBatch: db.prepare('UPDATE claim_batches SET state = ?, message = ?, updated_at = ? WHERE id = ?'),
    chunk: db.prepare('SELECT * FROM claim_chunks WHERE id = ?'),
    chunks: db.prepare('SELECT * FROM claim_chunks WHERE batch_id = ? ORDER BY idx'),
    maxIdx: db.prepare('SELECT coalesce(max(idx), -1) FROM claim_chunks WHERE batch_id = ?').pluck(),
    moveChunk: db.prepare(
      `UPDATE claim_chunks SET state = @to, attempts = @attempts, response_json = @response, reconcile_json = @reconcile, error = @error,
         updated_at = @now, finished_at = @finished WHERE id = @id AND state = @from`
    ),
    attempts: db.prepare('SELECT * FROM claim_attempts WHERE chunk_id = ? ORDER BY n'),
    insertAttempt: db.prepare('INSERT INTO claim_attempts (chunk_id, n, started_at) VALUES (?, ?, ?)'),
    closeAttempt: db.prepare(
      'UPDATE claim_attempts SET finished_at = ?, outcome = ?, response_json = ?, error = ? WHERE chunk_id = ? AND finished_at IS NULL'
    ),
    attempt: db.prepare('SELECT * FROM claim_attempts WHERE chunk_id = ? AND n = ?'),
    setDevice: db.prepare(
      "UPDATE claim_devices SET status = ?, code = ?, message = ?, updated_at = ? WHERE chunk_id = ? AND device_id = ? AND status = 'pending'"
    ),
    settlePending: db.prepare("UPDATE claim_devices SET status = ?, code = ?, message = ?, updated_at = ? WHERE chunk_id = ? AND status = 'pending'"),
    devices: db.prepare('SELECT * FROM claim_devices WHERE batch_id = ? ORDER BY id'),
    live: db.prepare("SELECT * FROM claim_devices WHERE device_id = ? AND status IN ('pending','claimed')"),
    claimed: db.prepare("SELECT * FROM claim_devices WHERE device_id = ? AND status = 'claimed'"),
    release: db.prepare("UPDATE claim_devices SET status = 'released', code = 'released', message = ?, updated_at = ? WHERE device_id = ? AND status = 'claimed'")
  }

  const getBatch = (id: string) => {
    const r = s.batch.get(id) as BatchRow | undefined
    return r ? mapBatch(r) : null
  }
  const requireBatch = (id: string) => {
    const b = getBatch(id)
    if (!b) throw new DockError('not_found', `No claim batch ${id.slice(0, 64)}`)
    return b
  }
  const getChunk = (id: string) => {
    const r = s.chunk.get(id) as ChunkRow | undefined
    return r ? mapChunk(r) : null
  }
  const requireChunk = (id: string) => {
    const c = getChunk(id)
    if (!c) throw new DockError('not_found', `No claim chunk ${id.slice(0, 64)}`)
    return c
  }

  function addChunk(batch: { id: string; sessionId: string; projectId: string }, idx: number, chunk: NewChunk, now: string): ClaimChunkRecord {
    const request = claimBatchRequestSchema.parse(chunk.request)
    if (request.projectId !== batch.projectId) throw new DockError('invalid_input', 'A chunk must target its batch project.')
    const id = randomUUID()
    s.insertChunk.run(id, batch.id, batch.sessionId, idx, request.projectId, JSON.stringify(request), claimBodyHash(request), now, now)
    for (const d of chunk.devices) {
      const live = s.live.get(d.deviceId) as DeviceRow | undefined
      if (live) {
        throw new DockError('conflict', `Device ${d.deviceId.slice(0, 64)} is already ${live.status} in claim batch ${live.batch_id}; it cannot join another batch.`)
      }
      s.insertDevice.run(batch.id, id, batch.sessionId, batch.projectId, d.deviceId, d.kitId ?? null, d.itemId ?? null, now)
    }
    return requireChunk(id)
  }

  /** Guarded chunk transition: the row must still be in `from` (no lost updates). */
  function move(
    chunkId: string,
    to: ChunkState,
    fields: { attempts?: number; response?: unknown; reconcile?: unknown; error?: string | null; finished?: boolean },
    allowedFrom?: readonly ChunkState[]
  ): { before: ClaimChunkRecord; after: ClaimChunkRecord } {
    const before = requireChunk(chunkId)
    if ((allowedFrom && !allowedFrom.includes(before.state)) || !chunkCan(before.state, to)) {
      throw new DockError('conflict', `Claim chunk ${before.idx} of batch ${before.batchId} cannot go from ${before.state} to ${to}.`)
    }
    const now = ctx.now()
    s.moveChunk.run({
      id: chunkId,
      from: before.state,
      to,
      attempts: fields.attempts ?? before.attempts,
      response: 'response' in fields ? toJsonColumn(fields.response) : toJsonColumn(before.response),
      reconcile: 'reconcile' in fields ? toJsonColumn(fields.reconcile) : toJsonColumn(before.reconcile),
      error: 'error' in fields ? (fields.error ?? null) : before.error,
      now,
      finished: fields.finished ? now : before.finishedAt
    })
    return { before, after: requireChunk(chunkId) }
  }

  function applyOutcomes(chunkId: string, outcomes: readonly DeviceOutcome[]): void {
    const now = ctx.now()
    for (const o of outcomes) s.setDevice.run(o.status, o.code ?? null, o.message ?? null, now, chunkId, o.deviceId)
  }

  const chunkAudit = (c: ClaimChunkRecord, state: string, payload: Record<string, unknown>) => ({
    eventType: `claim.${state}`,
    outcome: state,
    sessionId: c.sessionId,
    subject: c.batchId,
    payload: { batchId: c.batchId, chunkId: c.id, chunk: c.idx, attempt: c.attempts, bodyHash: c.bodyHash, ...payload }
  })

  return {
    createBatch(input, extra) {
      return ctx.tx(() => {
        if (input.chunks.length === 0) throw new DockError('invalid_input', 'A claim batch needs at least one chunk.')
        const id = input.id ?? randomUUID()
        const now = ctx.now()
        const hashes = input.chunks.map((c) => claimBodyHash(c.request))
        const deviceCount = input.chunks.reduce((n, c) => n + c.devices.length, 0)
        const kitCount = input.chunks.reduce((n, c) => n + c.request.kitIds.length, 0)
        s.insertBatch.run(id, input.sessionId, input.projectId, input.reviewId ?? null, sha256(canonicalJson(hashes)), deviceCount, kitCount, now, now)
        const batch = requireBatch(id)
        const chunks = input.chunks.map((c, i) => addChunk(batch, i, c, now))
        audit.record(
          {
            eventType: 'claim.ready',
            outcome: 'ready',
            sessionId: batch.sessionId,
            subject: id,
            payload: { batchId: id, projectId: batch.projectId, reviewId: batch.reviewId, bodyHash: batch.bodyHash, deviceCount, kitCount, chunks: chunks.map((c) => ({ chunkId: c.id, bodyHash: c.bodyHash, request: c.request })) }
          },
          extra
        )
        return { batch, chunks }
      })
    },
    getBatch: (id) => ctx.read(() => getBatch(id)),
    listBatches: (sessionId) => ctx.read(() => (s.batches.all(sessionId) as BatchRow[]).map(mapBatch)),
    unfinishedBatches: () => ctx.read(() => (s.unfinished.all() as BatchRow[]).map(mapBatch)),
    setBatchState(id, to, opts, extra) {
      return ctx.tx(() => {
        const before = requireBatch(id)
        if (!BATCH_TRANSITIONS[before.state].includes(to)) {
          throw new DockError('conflict', `Claim batch ${id} cannot go from ${before.state} to ${to}.`)
        }
        const message = opts && 'message' in opts ? (opts.message ?? null) : before.message
        s.setBatch.run(to, message, ctx.now(), id)
        audit.record(
          { eventType: `claim.batch.${to}`, outcome: to, sessionId: before.sessionId, subject: id, payload: { batchId: id, from: before.state, to, message } },
          extra
        )
        return requireBatch(id)
      })
    },
    getChunk: (id) => ctx.read(() => getChunk(id)),
    chunks: (batchId) => ctx.read(() => (s.chunks.all(batchId) as ChunkRow[]).map(mapChunk)),
    attempts: (chunkId) => ctx.read(() => (s.attempts.all(chunkId) as AttemptRow[]).map(mapAttempt)),
    beginAttempt(chunkId, extra) {
      return ctx.tx(() => {
        const current = requireChunk(chunkId)
        const n = current.attempts + 1
        const { after } = move(chunkId, 'sending', { attempts: n, error: null })
        s.insertAttempt.run(chunkId, n, ctx.now())
        audit.record(chunkAudit(after, 'sending', { request: after.request }), extra)
        return { chunk: after, attempt: mapAttempt(s.attempt.get(chunkId, n) as AttemptRow) }
      })
    },
    finishAttempt(chunkId, outcome, extra) {
      return ctx.tx(() => {
        const terminal = outcome.state === 'claimed' || outcome.state === 'rejected'
        const { after } = move(chunkId, outcome.state, { response: outcome.response ?? null, error: outcome.error ?? null, finished: terminal }, ['sending'])
        s.closeAttempt.run(ctx.now(), outcome.state, toJsonColumn(outcome.response), outcome.error ?? null, chunkId)
        if (outcome.devices) applyOutcomes(chunkId, outcome.devices)
        if (outcome.state === 'rejected') s.settlePending.run('failed', 'rejected', outcome.error ?? 'claim rejected', ctx.now(), chunkId)
        audit.record(chunkAudit(after, outcome.state, { response: outcome.response ?? null, error: outcome.error ?? null, devices: outcome.devices ?? [] }), extra)
        return requireChunk(chunkId)
      })
    },
    markUnknownAfterRestart(chunkId, extra) {
      return ctx.tx(() => {
        const { before, after } = move(chunkId, 'unknown', { error: 'Dock Claim stopped while this claim was in flight' }, ['sending', 'reconciling'])
        s.closeAttempt.run(ctx.now(), 'unknown', null, 'process stopped during send', chunkId)
        audit.record(chunkAudit(after, 'unknown', { from: before.state, reason: 'restart' }), extra)
        return after
      })
    },
    beginReconcile(chunkId, extra) {
      return ctx.tx(() => {
        const { after } = move(chunkId, 'reconciling', {}, ['unknown'])
        audit.record(chunkAudit(after, 'reconciling', {}), extra)
        return after
      })
    },
    abortReconcile(chunkId, error, extra) {
      return ctx.tx(() => {
        const { after } = move(chunkId, 'unknown', { error }, ['reconciling'])
        audit.record({ ...chunkAudit(after, 'unknown', { error }), outcome: 'reconcile_failed' }, extra)
        return after
      })
    },
    finishReconcile(chunkId, input, extra) {
      return ctx.tx(() => {
        const { after } = move(chunkId, 'reconciled', { reconcile: input.reconcile, finished: true }, ['reconciling'])
        applyOutcomes(chunkId, input.devices)
        const now = ctx.now()
        let resend: ClaimChunkRecord | null = null
        if (input.resend) {
          for (const d of input.resend.devices) s.setDevice.run('released', 'resent', 'not applied; sent again in a new chunk', now, chunkId, d.deviceId)
          const batch = requireBatch(after.batchId)
          resend = addChunk(batch, (s.maxIdx.get(batch.id) as number) + 1, input.resend, now)
        }
        // Every device must leave `pending` here, or it would block later batches forever.
        s.settlePending.run('failed', 'not_reconciled', 'no outcome after reconciliation', now, chunkId)
        audit.record(
          chunkAudit(after, 'reconciled', { reconcile: input.reconcile, devices: input.devices, resendChunkId: resend?.id ?? null, resend: resend?.request ?? null }),
          extra
        )
        return { chunk: requireChunk(chunkId), resend }
      })
    },
    cancelChunk(chunkId, extra) {
      return ctx.tx(() => {
        const { after } = move(chunkId, 'cancelled', { finished: true }, ['ready'])
        s.settlePending.run('cancelled', 'cancelled', 'cancelled before sending', ctx.now(), chunkId)
        audit.record(chunkAudit(after, 'cancelled', {}), extra)
        return after
      })
    },
    devices: (batchId) => ctx.read(() => (s.devices.all(batchId) as DeviceRow[]).map(mapDevice)),
    liveDevice(deviceId) {
      return ctx.read(() => {
        const r = s.live.get(deviceId) as DeviceRow | undefined
        return r ? mapDevice(r) : null
      })
    },
    claimedHere(deviceIds) {
      return ctx.read(() => {
        const out = new Map<string, { deviceId: string; projectId: string; sessionId: string; batchId: string; claimedAt: string }>()
        for (const id of new Set(deviceIds)) {
          const r = s.claimed.get(id) as DeviceRow | undefined
          if (r) out.set(id, { deviceId: id, projectId: r.project_id, sessionId: r.session_id, batchId: r.batch_id, claimedAt: r.updated_at })
        }
        return out
      })
    },
    releaseDevice(deviceId, reason, extra) {
      ctx.tx(() => {
        const r = s.claimed.get(deviceId) as DeviceRow | undefined
        if (!r) throw new DockError('not_found', `Device ${deviceId.slice(0, 64)} is not recorded as claimed here.`)
        s.release.run(reason, ctx.now(), deviceId)
        audit.record({ eventType: 'claim.device.released', outcome: 'ok', sessionId: r.session_id, subject: deviceId, payload: { batchId: r.batch_id, reason } }, extra)
      })
    }
  }
}
