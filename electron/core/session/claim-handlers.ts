import { DockError } from '../../../shared/contract'
import type { Handlers } from '../dispatcher'
import type { DtClient } from '../claiming/types'
import { chunkPlan, planHash } from './claim-chunks'
import { blockedReason, runReview, type StoredReview } from './claim-review'
import type { ClaimRunner } from './claim-runner'
import type { EngineContext } from './engine-context'
import { receiptHtml, resultsCsv, writeExport } from './exports'
import { failpoint } from './failpoints'
import type { Lookup } from './types'

type ClaimChannels = 'claim.review' | 'claim.confirm' | 'claim.cancel' | 'claim.retryFailed' | 'claim.progress' | 'export.results' | 'export.receipt'

/** claim.* and export.* handlers: the two-phase claim and the files an operator takes away. */
export function createClaimHandlers(ctx: EngineContext, runner: ClaimRunner): Pick<Handlers, ClaimChannels> {
  const reviews = new Map<string, StoredReview>() // latest review per session
  const { store } = ctx.deps

  async function client(): Promise<DtClient | null> {
    try {
      return await ctx.deps.dt()
    } catch {
      return null
    }
  }

  async function review(sessionId: string, mode: 'new' | 'failed') {
    const m = ctx.model(sessionId)
    const r = await runReview(ctx, await client(), m, mode, runner.busy(sessionId))
    reviews.set(sessionId, r)
    return r.review
  }

  return {
    'claim.review': (input) => review(input.sessionId, 'new'),
    'claim.retryFailed': (input) => review(input.sessionId, 'failed'),
    'claim.confirm': (input) => {
      const m = ctx.model(input.sessionId)
      const stored = reviews.get(m.session.id)
      if (!stored || stored.review.reviewId !== input.reviewId) throw new DockError('conflict', 'This review is outdated: review the claim again.')
      // Build the request from database rows only: reload, re-plan, and insist it is what was reviewed.
      m.reload()
      const plan = stored.mode === 'new' ? m.preview().plan : m.preview().retryPlan
      if (planHash(plan) !== stored.planHash || plan.deviceCount !== stored.review.deviceCount || input.deviceCount !== plan.deviceCount) {
        throw new DockError('conflict', `The claim changed since it was reviewed (now ${plan.deviceCount} devices): review it again.`)
      }
      const blocked = stored.review.blockedReason ?? blockedReason(m, plan, runner.busy(m.session.id))
      if (blocked) throw new DockError('conflict', blocked)
      const kitOf = new Map<string, string>()
      for (const [key, it] of m.items) {
        const l = it.lookup as Lookup | null
        if (l?.status === 'kit') for (const d of l.kit.devices) kitOf.set(d.deviceId, key)
      }
      const chunks = chunkPlan(plan, m.session.projectId, ctx.deps.settings.current().chunkSize, (id) => m.items.get(id)?.id ?? null, (d) => kitOf.get(d) ?? null)
      const { batch } = store.transaction(() => {
        const created = store.claims.createBatch({ sessionId: m.session.id, projectId: m.session.projectId, reviewId: stored.review.reviewId, chunks })
        store.sessions.setStatus(m.session.id, 'committing')
        return created
      })
      failpoint('after_ready_commit')
      reviews.delete(m.session.id)
      m.session = store.sessions.require(m.session.id)
      void runner.run(batch.id)
      const p = runner.progress(m.session.id)
      if (!p) throw new DockError('internal_error', 'Claim batch was created but has no progress.')
      return p
    },
    'claim.cancel': (input) => {
      ctx.model(input.sessionId)
      runner.cancel(input.sessionId)
      return runner.progress(input.sessionId)
    },
    'claim.progress': (input) => {
      ctx.model(input.sessionId)
      return runner.progress(input.sessionId)
    },
    'export.results': (input) => {
      const m = ctx.model(input.sessionId)
      m.reloadResults()
      return writeExport(ctx.deps.exportDir, 'results', resultsCsv(m.view()), ctx.deps.clock())
    },
    'export.receipt': (input) => {
      const m = ctx.model(input.sessionId)
      m.reloadResults()
      const now = ctx.deps.clock()
      return writeExport(ctx.deps.exportDir, 'receipt', receiptHtml(m.view(), now), now)
    }
  }
}
