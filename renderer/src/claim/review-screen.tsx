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
  /** Set when the COMMIT control barcode asks for the confirmation; cleared once handled. */
  confirmRequested: boolean
  onConfirmHandled: () => void
  /** Increments when the CANCEL control barcode (or Esc) asks to close dialogs. */
  cancelSignal: number
  wedgeBusy: () => boolean
  onBack: () => void
}

/** Review (drift check) → confirmation → progress → per-item results, exports and receipt. */
export function ReviewScreen({ state, confirmRequested, onConfirmHandled, cancelSignal, wedgeBusy, onBack }: Props) {
  const session = state.session
  const sessionId = session?.id ?? null
  const [review, setReview] = useState<Review | null>(null)
  const [progress, setProgress] = useState<ClaimProgress | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const action = useAction()
  const { run } = action

  const runReview = useCallback(() => {
    if (!sessionId) return
    void run(async () => setReview(await invoke('claim.review', { sessionId })))
  }, [sessionId, run])

  useEffect(() => {
    if (!sessionId) return
    setReview(null)
    setProgress(null)
    invoke('claim.progress', { sessionId }).then(setProgress, () => setProgress(null))
    runReview()
    return on('claim.progress', (p) => {
      if (p.sessionId === sessionId) setProgress(p)
    })
  }, [sessionId, runReview])

  const running = progress !== null && (progress.state === 'ready' || progress.state === 'sending' || progress.state === 'reconciling')
  const ended = progress !== null && !running
  // Done: only results (and retry failed). Cancelled or stopped: results so far, and a fresh review
  // of what is left so the operator can claim again.
  const finished = progress?.state === 'done'
  const reload = state.reload
  useEffect(() => {
    if (!ended) return
    setCancelling(false)
    reload()
    if (!finished) runReview()
  }, [ended, finished, reload, runReview])

  // A review blocked by lookups still in flight goes stale when they land: check again by itself.
  const pendingLookups = session?.summary.pending ?? 0
  const blocked = review?.blockedReason != null
  useEffect(() => {
    if (blocked && pendingLookups === 0 && !running) runReview()
  }, [blocked, pendingLookups, running, runReview])

  // COMMIT barcode: open the confirmation once the review is in (never claim); CANCEL: close it.
  useEffect(() => {
    if (!confirmRequested || review === null) return
    if (!review.blockedReason && !running) setConfirming(true)
    onConfirmHandled()
  }, [confirmRequested, review, running, onConfirmHandled])
  useEffect(() => {
    if (cancelSignal > 0) setConfirming(false)
  }, [cancelSignal])

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
      setConfirming(false)
      setProgress(p)
    })
  }
  const cancel = () => {
    setCancelling(true)
    void run(async () => {
      const p = await invoke('claim.cancel', { sessionId })
      if (p) setProgress(p)
    })
  }
  const retryFailed = () => {
    void run(async () => {
      const r = await invoke('claim.retryFailed', { sessionId })
      setProgress(null)
      setReview(r)
      if (!r.blockedReason) setConfirming(true)
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
            <button type="button" className="primary big" disabled={!canClaim} onClick={() => setConfirming(true)}>
              Claim…
            </button>
          </>
        ) : null}
      </div>
      {progress ? <ClaimProgressView progress={progress} onCancel={cancel} cancelling={cancelling} /> : null}
      {ended ? <ResultsPanel sessionId={sessionId} session={session} items={state.items} onRetryFailed={retryFailed} busy={action.busy} /> : null}
      {!ended ? <ItemList items={state.items} label="Items in this claim" /> : null}
      {confirming && review ? (
        <ConfirmDialog review={review} busy={action.busy} wedgeBusy={wedgeBusy} onConfirm={confirm} onClose={() => setConfirming(false)} />
      ) : null}
    </section>
  )
}
