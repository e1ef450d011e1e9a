import { useCallback, useEffect, useState } from 'react'
import type { ClaimProgress, Review } from '../../../shared/contract'
import { ItemList } from '../board/item-list'
import type { SessionState } from '../board/use-session'
import { ErrorBox } from '../common/error-box'
import { InertText } from '../common/inert-text'
import { plural } from '../common/plural'
import { useAction } from '../common/use-action'
import { invoke, on } from '../dock-client'
import { ClaimProgressView } from './claim-progress'
import { ConfirmDialog } from './confirm-dialog'
import { ResultsPanel } from './results-panel'

interface Props {
  state: SessionState
  /**
   * The confirmation is wanted (Claim… button or the COMMIT barcode; CANCEL clears it). Owned by the
   * app so control barcodes work from any screen. It shows once the review allows claiming.
   */
  confirmWanted: boolean
  setConfirmWanted: (wanted: boolean) => void
  wedgeBusy: () => boolean
  onBack: () => void
  onShowAudit: (sessionId: string) => void
}

/** Review (drift check) → confirmation → progress → per-item results, exports and receipt. */
export function ReviewScreen({ state, confirmWanted, setConfirmWanted, wedgeBusy, onBack, onShowAudit }: Props) {
  const session = state.session
  const sessionId = session?.id ?? null
  const [review, setReview] = useState<Review | null>(null)
  const [progress, setProgress] = useState<ClaimProgress | null>(null)
  const [cancelling, setCancelling] = useState(false)
  // Another session: forget the old review and progress during render (no stale flash of them).
  const [reviewOf, setReviewOf] = useState(sessionId)
  if (reviewOf !== sessionId) {
    setReviewOf(sessionId)
    setReview(null)
    setProgress(null)
  }
  const action = useAction()
  const { run } = action

  const runReview = useCallback(() => {
    if (!sessionId) return
    void run(async () => setReview(await invoke('claim.review', { sessionId })))
  }, [sessionId, run])

  const applyProgress = useCallback((p: ClaimProgress | null) => {
    setProgress(p)
    if (p && p.state !== 'ready' && p.state !== 'sending' && p.state !== 'reconciling') setCancelling(false)
  }, [])

  useEffect(() => {
    if (!sessionId) return
    invoke('claim.progress', { sessionId }).then(applyProgress, () => applyProgress(null))
    runReview()
    return on('claim.progress', (p) => {
      if (p.sessionId === sessionId) applyProgress(p)
    })
  }, [sessionId, runReview, applyProgress])

  const running = progress !== null && (progress.state === 'ready' || progress.state === 'sending' || progress.state === 'reconciling')
  const ended = progress !== null && !running
  // Done: only results (and retry failed). Cancelled or stopped: results so far, and a fresh review
  // of what is left so the operator can claim again.
  const finished = progress?.state === 'done'
  const reload = state.reload
  useEffect(() => {
    if (!ended) return
    reload()
    if (!finished) runReview()
  }, [ended, finished, reload, runReview])

  // A review blocked by lookups still in flight goes stale when they land: check again by itself.
  const pendingLookups = session?.summary.pending ?? 0
  const blocked = review?.blockedReason != null
  useEffect(() => {
    if (blocked && pendingLookups === 0 && !running) runReview()
  }, [blocked, pendingLookups, running, runReview])

  const confirmShown = confirmWanted && review !== null && review.blockedReason === null && review.deviceCount > 0 && !running
  const confirmWaiting = confirmWanted && !confirmShown && !running

  if (!session || !sessionId) {
    return (
      <section className="screen" aria-labelledby="review-title">
        <h1 id="review-title">Review &amp; claim</h1>
        <p>No session is open.</p>
      </section>
    )
  }

  const confirm = () => {
    if (!review) return
    void run(async () => {
      const p = await invoke('claim.confirm', { sessionId, reviewId: review.reviewId, deviceCount: review.deviceCount })
      setConfirmWanted(false)
      applyProgress(p)
    })
  }
  const cancel = () => {
    setCancelling(true)
    void run(async () => {
      const p = await invoke('claim.cancel', { sessionId })
      if (p) applyProgress(p)
    })
  }
  const retryFailed = () => {
    void run(async () => {
      const r = await invoke('claim.retryFailed', { sessionId })
      setProgress(null)
      setReview(r)
      setConfirmWanted(true)
    })
  }

  const canClaim = review !== null && review.blockedReason === null && review.deviceCount > 0 && !running && !action.busy
  return (
    <section className="screen review" aria-labelledby="review-title">
      <h1 id="review-title">
        Review &amp; claim into <InertText text={session.projectName} max={60} />
      </h1>
      <ErrorBox error={action.error} onDismiss={() => action.setError(null)} />
      {review && !finished ? (
        <section className="review-facts" aria-label="What will be claimed">
          <p className="big-fact">
            <strong>{plural(review.deviceCount, 'device')}</strong> · <strong>{plural(review.kitCount, 'kit')}</strong> → project{' '}
            <strong>
              <InertText text={review.projectName} max={60} />
            </strong>
          </p>
          {review.drift.length === 0 ? (
            <p className="drift-ok">
              <span aria-hidden="true">✔</span> Drift check passed: nothing changed at DT since the scans.
            </p>
          ) : (
            <div className="drift" role="alert">
              <h2>
                <span aria-hidden="true">⚠</span> {review.drift.length} items changed since they were scanned
              </h2>
              <ul>
                {review.drift.slice(0, 50).map((d, i) => (
                  <li key={i}>
                    <InertText className="mono" text={d.identifier} max={40} code /> – <InertText text={d.message} max={200} />
                  </li>
                ))}
              </ul>
            </div>
          )}
          {review.blockedReason ? (
            <p className="blocked" role="alert">
              <span aria-hidden="true">✖</span> Claiming is blocked: <InertText text={review.blockedReason} max={300} />
            </p>
          ) : null}
        </section>
      ) : action.busy && !finished ? (
        <p>Running the drift check (dry run at DT)…</p>
      ) : null}
      <div className="button-row">
        <button type="button" onClick={onBack}>
          <span aria-hidden="true">←</span> Back to board
        </button>
        {!finished ? (
          <>
            <button type="button" onClick={runReview} disabled={action.busy || running}>
              <span aria-hidden="true">↻</span> Check again
            </button>
            <button type="button" className="primary big" disabled={!canClaim} onClick={() => setConfirmWanted(true)}>
              Claim…
            </button>
          </>
        ) : null}
      </div>
      {confirmWaiting ? (
        <p className="note warn" role="status">
          <span aria-hidden="true">⚠</span> COMMIT was scanned: the confirmation opens as soon as claiming is possible.{' '}
          <button type="button" className="small" onClick={() => setConfirmWanted(false)}>
            Drop the request
          </button>
        </p>
      ) : null}
      {progress ? <ClaimProgressView progress={progress} onCancel={cancel} cancelling={cancelling} /> : null}
      {ended ? <ResultsPanel sessionId={sessionId} session={session} items={state.items} onRetryFailed={retryFailed} onShowAudit={() => onShowAudit(sessionId)} busy={action.busy} /> : null}
      {!ended ? <ItemList items={state.items} label="Items in this claim" /> : null}
      {confirmShown ? (
        <ConfirmDialog review={review} busy={action.busy} wedgeBusy={wedgeBusy} onConfirm={confirm} onClose={() => setConfirmWanted(false)} />
      ) : null}
    </section>
  )
}
