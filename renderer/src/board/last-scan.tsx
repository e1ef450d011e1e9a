import type { ScanOutcome } from '../../../shared/contract'
import { GuidanceList } from '../common/guidance-list'
import { InertText } from '../common/inert-text'
import { lookFor } from '../feedback/outcomes'

/** The last scan in very large type: outcome word + icon, the code, the message and DT's guidance. */
export function LastScan({ outcome }: { outcome: ScanOutcome | null }) {
  if (!outcome) {
    return (
      <section className="last-scan tone-idle" aria-label="Last scan">
        <div className="last-word">Ready – scan a kit or device</div>
        <div className="last-code">No scans yet</div>
      </section>
    )
  }
  const look = lookFor(outcome)
  return (
    <section className={`last-scan tone-${look.tone}`} aria-label="Last scan" aria-live="polite">
      <div className="last-word">
        <span className="icon" aria-hidden="true">
          {look.icon}
        </span>{' '}
        {look.word}
      </div>
      <div className="last-code">
        <InertText text={outcome.display} max={48} />
      </div>
      <div className="last-message">
        <InertText text={outcome.message} max={240} />
        {outcome.outcome === 'ok' && !outcome.durable ? ' The scan was not saved; scan it again.' : null}
      </div>
      <GuidanceList lines={outcome.guidance} />
    </section>
  )
}
