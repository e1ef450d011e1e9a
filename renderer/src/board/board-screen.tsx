import { useState } from 'react'
import type { Item, ScannerStatus } from '../../../shared/contract'
import { ErrorBox } from '../common/error-box'
import { InertText, inert, inertCode } from '../common/inert-text'
import { plural } from '../common/plural'
import { useAction } from '../common/use-action'
import { invoke } from '../dock-client'
import { failedScan } from '../app/use-scan-capture'
import { ACK_KEY, type FeedbackState } from '../feedback/use-feedback'
import { ScannerStatusLine } from '../scanners/scanner-status'
import { ItemList } from './item-list'
import { isProblem } from './item-model'
import { LastScan } from './last-scan'
import { ManifestPanel } from './manifest-panel'
import { ManualEntry } from './manual-entry'
import { SummaryBar } from './summary-bar'
import type { SessionState } from './use-session'

interface Props {
  state: SessionState
  feedback: FeedbackState
  notice: string | null
  onDismissNotice: () => void
  scanners: ScannerStatus[]
  wedgeOn: boolean
  onReview: () => void
  onLeave: () => void
}

/** The scanning board: last scan, summary, problems on top, kit cards and loose devices. */
export function BoardScreen({ state, feedback, notice, onDismissNotice, scanners, wedgeOn, onReview, onLeave }: Props) {
  const { session, items } = state
  const action = useAction()
  const [removed, setRemoved] = useState<string | null>(null)
  if (!session) {
    return (
      <section className="screen" aria-labelledby="board-title">
        <h1 id="board-title">Scanning board</h1>
        {state.loading ? <p>Loading session…</p> : <p>No session is open. Start or resume one on the Start screen.</p>}
        <ErrorBox error={state.error} />
      </section>
    )
  }
  const sessionId = session.id
  const open = session.status === 'open'
  const problems = items.reduce((n, i) => n + (isProblem(i) ? 1 : 0), 0)

  const submitManual = async (text: string) => {
    try {
      await invoke('session.submitScan', { sessionId, payload: text, source: 'manual' })
    } catch (err) {
      feedback.localOutcome({ ...failedScan(sessionId, text, err), source: 'manual' })
    }
  }
  const remove = (item: Item) => {
    void action.run(async () => {
      state.apply(await invoke('session.removeItem', { sessionId, itemId: item.id }))
      setRemoved(item.kind === 'problem' ? inert(item.identifier, 40) : inertCode(item.identifier, 40))
    })
  }
  const undo = () => {
    void action.run(async () => {
      state.apply(await invoke('session.undoLast', { sessionId }))
      setRemoved('the last scan')
    })
  }
  const resume = () => {
    void action.run(async () => {
      await invoke('session.resume', { sessionId })
      state.reload()
    })
  }
  const pause = () => {
    void action.run(async () => {
      await invoke('session.pause', { sessionId })
      onLeave()
    })
  }

  return (
    <section className="screen board" aria-labelledby="board-title">
      <div className="board-head">
        <h1 id="board-title">
          Scanning into <InertText text={session.projectName} max={60} />
        </h1>
        <p className="session-facts">
          Operator <strong><InertText text={session.operator} max={40} /></strong>
          {session.reference ? (
            <>
              {' '}· Reference <strong><InertText text={session.reference} max={60} /></strong>
            </>
          ) : null}{' '}
          · Status <strong>{session.status}</strong>
        </p>
        <ScannerStatusLine scanners={scanners} wedgeOn={wedgeOn} />
      </div>
      {feedback.held ? (
        <div className="hold-banner" role="alert">
          <span className="icon" aria-hidden="true">⚠</span>
          <span>Scanning is held after a problem scan. Check the item, then acknowledge (key {ACK_KEY} or the ACK barcode).</span>
          <button type="button" onClick={feedback.acknowledge}>
            Acknowledge ({ACK_KEY})
          </button>
        </div>
      ) : null}
      <ErrorBox error={feedback.ackError} />
      <ErrorBox error={notice} onDismiss={onDismissNotice} />
      {session.status === 'paused' ? (
        <div className="hold-banner paused-banner" role="alert">
          <span className="icon" aria-hidden="true">‖</span>
          <span>This session is paused: scans are refused until it is resumed.</span>
          <button type="button" onClick={resume} disabled={action.busy}>
            Resume session
          </button>
        </div>
      ) : null}
      <div className="board-grid">
        <div className="board-left">
          <LastScan outcome={feedback.last && (feedback.last.sessionId === sessionId || feedback.last.sessionId === null) ? feedback.last : null} />
          <SummaryBar summary={session.summary} />
          <div className="board-actions">
            <ManualEntry onSubmit={submitManual} disabled={!open} />
            <div className="button-row">
              <button type="button" onClick={undo} disabled={!open || action.busy || items.length === 0}>
                <span aria-hidden="true">↶</span> Undo last scan
              </button>
              <button type="button" onClick={pause} disabled={!open || action.busy}>
                <span aria-hidden="true">‖</span> Pause session
              </button>
              <button type="button" className="primary" onClick={onReview} disabled={items.length === 0}>
                Go to review &amp; claim <span aria-hidden="true">→</span>
              </button>
            </div>
          </div>
          {removed ? (
            <p className="note" role="status">
              Removed {removed}. Scan it again to add it back.
            </p>
          ) : null}
          <ErrorBox error={action.error ?? state.error} onDismiss={() => action.setError(null)} />
          <ManifestPanel sessionId={sessionId} changeKey={`${session.updatedAt}|${items.length}|${session.summary.kits}|${session.summary.pending}`} />
        </div>
        <div className="board-right">
          <h2 className="list-title">
            {plural(items.length, 'item')}
            {problems > 0 ? ` · ${plural(problems, 'problem')} on top` : ''}
          </h2>
          <ItemList items={items} label="Scanned items" onRemove={open ? remove : undefined} removeDisabled={action.busy} />
        </div>
      </div>
    </section>
  )
}
