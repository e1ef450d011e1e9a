import { useCallback, useEffect, useState } from 'react'
import type { Session } from '../../../shared/contract'
import { AuditScreen } from '../audit/audit-screen'
import { BoardScreen } from '../board/board-screen'
import { useSession } from '../board/use-session'
import { ReviewScreen } from '../claim/review-screen'
import { ErrorBox } from '../common/error-box'
import { InertText } from '../common/inert-text'
import { on } from '../dock-client'
import { Flash } from '../feedback/flash'
import { useFeedback } from '../feedback/use-feedback'
import { useScanners } from '../scanners/use-scanners'
import { SettingsScreen } from '../settings/settings-screen'
import { StartScreen } from '../start/start-screen'
import { Nav, SCREENS, type Screen } from './nav'
import { useAppState } from './use-app-state'
import { useScanCapture } from './use-scan-capture'

/** The composition root of the UI: app state, the active session, feedback, control barcodes, screens. */
export function App() {
  const app = useAppState()
  const [screen, setScreen] = useState<Screen>('start')
  const [sessionId, setSessionId] = useState<string | null>(null)
  const [confirmWanted, setConfirmWanted] = useState(false)
  const session = useSession(sessionId)
  const feedback = useFeedback(sessionId, app.settings)
  const { scanners } = useScanners()
  const scanningScreen = screen === 'board' || screen === 'review'
  const capture = useScanCapture(sessionId, app.settings, scanningScreen, feedback.localOutcome)

  const [notice, setNotice] = useState<string | null>(null)
  // Leaving a screen drops a pending confirmation: it must never pop up later somewhere else.
  const [auditSession, setAuditSession] = useState<string | null>(null)
  const go = useCallback((s: Screen) => {
    setConfirmWanted(false)
    setAuditSession(null)
    setScreen(s)
  }, [])
  const showAudit = useCallback((id: string) => {
    setConfirmWanted(false)
    setAuditSession(id)
    setScreen('audit')
  }, [])

  const open = useCallback((s: Session, message?: string) => {
    setSessionId(s.id)
    setNotice(message ?? null)
    setScreen('board')
  }, [])

  // Control barcodes. COMMIT only opens the confirmation; the engine already did undo/pause/ack.
  const reload = session.reload
  useEffect(
    () =>
      on('control.command', (c) => {
        if (c.sessionId !== null && c.sessionId !== sessionId) return
        if (c.command === 'commit') {
          setScreen('review')
          setConfirmWanted(true)
        } else if (c.command === 'cancel') {
          setConfirmWanted(false)
        } else {
          reload()
        }
      }),
    [sessionId, reload]
  )

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        const target = SCREENS.find((s) => s.key === e.key)
        if (target) {
          e.preventDefault()
          go(target.id)
        }
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [go])

  useEffect(() => {
    document.title = `Dock Claim – ${SCREENS.find((s) => s.id === screen)?.label ?? ''}`
  }, [screen])

  const training = app.info?.trainingMode ?? app.settings?.trainingMode ?? false
  return (
    <div className={`app${training ? ' training' : ''}`}>
      <header className="app-header">
        {training ? (
          <div className="training-banner" role="status">
            <span aria-hidden="true">▲</span> TRAINING MODE – nothing is claimed at DT (simulator)
          </div>
        ) : null}
        <div className="header-row">
          <span className="app-name">Dock Claim</span>
          {app.info ? (
            <span className="station">
              Station <InertText text={app.info.station} max={40} />
            </span>
          ) : null}
          {session.session ? (
            <span className="active-session">
              Session: <InertText text={session.session.projectName} max={40} /> · <InertText text={session.session.operator} max={24} /> · {session.session.status}
            </span>
          ) : null}
          <Nav screen={screen} onGo={go} />
        </div>
        {app.info && !app.info.auditChain.ok ? (
          <div className="storage-error" role="alert">
            <span aria-hidden="true">✖</span>
            <span>
              AUDIT LOG TAMPERED – the hash chain breaks at row {app.info.auditChain.firstBadSeq ?? '?'}
              {app.info.auditChain.reason ? <> (<InertText text={app.info.auditChain.reason} max={200} />)</> : null}. Tell a supervisor; export the log from
              the Audit screen.
            </span>
          </div>
        ) : null}
        {app.storageError ? (
          <div className="storage-error" role="alert">
            <span aria-hidden="true">✖</span> STORAGE ERROR – scans are not being saved: <InertText text={app.storageError} max={300} />
            <button type="button" className="small" onClick={app.clearStorageError}>
              Dismiss
            </button>
          </div>
        ) : null}
        <ErrorBox error={app.error} />
      </header>
      <main className="app-main">
        {screen === 'start' ? <StartScreen settings={app.settings} onOpen={open} /> : null}
        {screen === 'board' ? (
          <BoardScreen
            state={session}
            feedback={feedback}
            notice={notice}
            onDismissNotice={() => setNotice(null)}
            scanners={scanners}
            wedgeOn={capture.active}
            onReview={() => go('review')}
            onLeave={() => {
              setSessionId(null)
              setScreen('start')
            }}
          />
        ) : null}
        {screen === 'review' ? (
          <ReviewScreen
            state={session}
            confirmWanted={confirmWanted}
            setConfirmWanted={setConfirmWanted}
            wedgeBusy={capture.isBurst}
            onBack={() => go('board')}
            onShowAudit={showAudit}
          />
        ) : null}
        {screen === 'audit' ? <AuditScreen key={auditSession ?? 'all'} initialSessionId={auditSession} /> : null}
        {screen === 'settings' ? <SettingsScreen settings={app.settings} info={app.info} onSaved={app.setSettings} /> : null}
      </main>
      <Flash outcome={feedback.last} seq={feedback.flashSeq} />
    </div>
  )
}
