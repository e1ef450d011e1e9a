import { useEffect, useRef } from 'react'
import type { ScanOutcome } from '../../../shared/contract'
import { lookFor } from './outcomes'

/**
 * Full-screen colour flash. One persistent element, hidden at rest, whose opacity is animated per
 * scan (Web Animations API). Measured (test/bench/ui-bench.ts): a permanently composited
 * full-screen layer (`will-change`) cost dropped frames on every frame, scrolling included; hidden
 * between scans it costs nothing. Decorative only (aria-hidden, no pointer events): the last-scan
 * panel carries the same outcome as words and icon.
 */
export function Flash({ outcome, seq }: { outcome: ScanOutcome | null; seq: number }) {
  const ref = useRef<HTMLDivElement>(null)
  const look = outcome ? lookFor(outcome) : null
  const tone = look?.tone ?? 'good'
  const full = tone === 'bad' || tone === 'warn'
  useEffect(() => {
    if (seq === 0 || !ref.current) return
    ref.current.getAnimations().forEach((a) => a.cancel())
    // Hidden at rest (no layer to composite between scans); visible only while animating.
    ref.current.animate(
      [
        { opacity: 0.9, visibility: 'visible' },
        { opacity: 0.55, visibility: 'visible', offset: 0.6 },
        { opacity: 0, visibility: 'visible' }
      ],
      { duration: full ? 900 : 350, easing: 'ease-out' }
    )
  }, [seq, full])
  return (
    <div ref={ref} className={`flash tone-${tone}${full ? ' full' : ' ring'}`} aria-hidden="true">
      {look && full ? (
        <span className="flash-word">
          {look.icon} {look.word}
        </span>
      ) : null}
    </div>
  )
}
