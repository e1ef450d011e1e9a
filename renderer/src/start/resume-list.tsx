import { useEffect, useState } from 'react'
import type { Session } from '../../../shared/contract'
import { ErrorBox } from '../common/error-box'
import { InertText, inert } from '../common/inert-text'
import { plural } from '../common/plural'
import { useAction } from '../common/use-action'
import { errorText, invoke } from '../dock-client'

/** Sessions that are not done: resume a paused one, or continue an open one. */
export function ResumeList({ onOpen }: { onOpen: (session: Session) => void }) {
  const [sessions, setSessions] = useState<Session[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const action = useAction()
  useEffect(() => {
    invoke('session.list', {}).then(setSessions, (err: unknown) => setError(errorText(err)))
  }, [])
  const resumable = sessions?.filter((s) => s.status !== 'done') ?? []
  const resume = (s: Session) => {
    void action.run(async () => onOpen(s.status === 'paused' ? await invoke('session.resume', { sessionId: s.id }) : s))
  }
  return (
    <section className="resume" aria-labelledby="resume-title">
      <h2 id="resume-title">Paused and open sessions</h2>
      <ErrorBox error={error ?? action.error} />
      {sessions === null && !error ? <p>Loading…</p> : null}
      {sessions !== null && resumable.length === 0 ? <p>None – every session is finished.</p> : null}
      {resumable.length > 0 ? (
        <ul className="resume-list">
          {resumable.slice(0, 50).map((s) => (
            <li key={s.id} className={`resume-card${s.status === 'paused' ? ' paused' : ''}`}>
              <div className="resume-project">
                <InertText text={s.projectName} max={50} />
              </div>
              <div>
                <InertText text={s.operator} max={30} />
                {s.reference ? (
                  <>
                    {' '}· <InertText text={s.reference} max={40} />
                  </>
                ) : null}
              </div>
              <div className="note">
                {s.status === 'paused' ? '‖ paused' : s.status === 'committing' ? '⇪ claiming' : '● open'} · {plural(s.summary.kits, 'kit')} ·{' '}
                {plural(s.summary.devicesToClaim, 'device')} · {new Date(s.updatedAt).toLocaleString()}
              </div>
              <button
                type="button"
                className="primary"
                disabled={action.busy}
                onClick={() => resume(s)}
                aria-label={`${s.status === 'paused' ? 'Resume' : 'Continue'} session ${inert(s.projectName, 60)} ${inert(s.operator, 30)}`}
              >
                {s.status === 'paused' ? 'Resume' : 'Continue'}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
