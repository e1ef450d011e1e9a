import type { ScanOutcome } from '../../../shared/contract'
import { lookFor } from './outcomes'

/**
 * Full-screen colour flash, restarted per scan by keying on `seq`. Decorative only (aria-hidden,
 * no pointer events): the last-scan panel carries the same outcome as words and icon.
 */
export function Flash({ outcome, seq }: { outcome: ScanOutcome | null; seq: number }) {
  if (!outcome || seq === 0) return null
  const look = lookFor(outcome)
  return (
    <div key={seq} className={`flash tone-${look.tone}`} aria-hidden="true">
      <span className="flash-word">
        {look.icon} {look.word}
      </span>
    </div>
  )
}
