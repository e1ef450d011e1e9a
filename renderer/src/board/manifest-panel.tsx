import { useEffect, useState } from 'react'
import type { ManifestView } from '../../../shared/contract'
import { InertText } from '../common/inert-text'
import { invoke } from '../dock-client'

/** Expected shipment vs scanned, refreshed (throttled) as the session changes. Hidden without a manifest. */
export function ManifestPanel({ sessionId, changeKey }: { sessionId: string; changeKey: string }) {
  const [view, setView] = useState<ManifestView | null>(null)
  useEffect(() => {
    const t = window.setTimeout(() => {
      invoke('session.manifest', { sessionId }).then(setView, () => setView(null))
    }, 600)
    return () => window.clearTimeout(t)
  }, [sessionId, changeKey])
  if (!view) return null
  const ok = view.missing.length === 0 && view.extra.length === 0 && view.countMismatch.length === 0
  return (
    <section className={`manifest-panel ${ok ? 'tone-good' : 'tone-warn'}`} aria-label="Expected shipment">
      <h2>
        <span aria-hidden="true">{ok ? '✔' : '◐'}</span> Manifest: {view.scanned} of {view.expected} expected kits scanned
      </h2>
      {view.missing.length > 0 ? (
        <p>
          Missing ({view.missing.length}):{' '}
          {view.missing.slice(0, 20).map((m, i) => (
            <span key={i} className="chip">
              <InertText text={m.kitId} max={40} code />
            </span>
          ))}
          {view.missing.length > 20 ? ` … and ${view.missing.length - 20} more` : null}
        </p>
      ) : null}
      {view.extra.length > 0 ? (
        <p>
          Not in manifest ({view.extra.length}):{' '}
          {view.extra.slice(0, 20).map((x, i) => (
            <span key={i} className="chip">
              <InertText text={x} max={40} code />
            </span>
          ))}
        </p>
      ) : null}
      {view.countMismatch.length > 0 ? (
        <p>
          Count differs:{' '}
          {view.countMismatch.slice(0, 20).map((m, i) => (
            <span key={i} className="chip">
              <InertText text={m.kitId} max={40} code /> {m.actual}/{m.expected}
            </span>
          ))}
        </p>
      ) : null}
    </section>
  )
}
