import { inert } from './inert-text'

/** A visible, announced error: icon + words, never colour alone. */
export function ErrorBox({ error, onDismiss }: { error: string | null; onDismiss?: () => void }) {
  if (!error) return null
  return (
    <div className="error-box" role="alert">
      <span className="icon" aria-hidden="true">
        ✖
      </span>
      <span className="error-text">{inert(error, 400)}</span>
      {onDismiss ? (
        <button type="button" className="small" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  )
}
