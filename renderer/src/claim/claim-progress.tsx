import type { ClaimProgress } from '../../../shared/contract'
import { InertText } from '../common/inert-text'

const STATE_WORD: Record<ClaimProgress['state'], string> = {
  ready: '… Ready to send',
  sending: '⇪ Sending to DT',
  reconciling: '… Checking uncertain results with DT',
  done: '✔ Finished',
  cancelled: '■ Cancelled',
  failed: '✖ Stopped – needs attention'
}

/** Progress bar with ETA and cancel, fed by `claim.progress` events. */
export function ClaimProgressView({ progress, onCancel, cancelling }: { progress: ClaimProgress; onCancel: () => void; cancelling: boolean }) {
  const running = progress.state === 'ready' || progress.state === 'sending' || progress.state === 'reconciling'
  return (
    <section className={`claim-progress state-${progress.state}`} aria-label="Claim progress">
      <h2>{STATE_WORD[progress.state]}</h2>
      <progress value={progress.devicesDone} max={Math.max(progress.devicesTotal, 1)} aria-label="Devices sent" />
      <p className="progress-facts" aria-live="polite">
        {progress.devicesDone} / {progress.devicesTotal} devices · chunk {progress.chunksDone}/{progress.chunksTotal} · ✔ {progress.claimed} claimed · ✖{' '}
        {progress.failed} failed
        {running && progress.etaMs !== null ? ` · about ${formatEta(progress.etaMs)} left` : ''}
      </p>
      {progress.message ? (
        <p className="note">
          <InertText text={progress.message} max={300} />
        </p>
      ) : null}
      {running ? (
        <button type="button" onClick={onCancel} disabled={cancelling}>
          <span aria-hidden="true">■</span> {cancelling ? 'Stopping after this chunk…' : 'Cancel claim'}
        </button>
      ) : null}
    </section>
  )
}

export function formatEta(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return `${s} s`
  return `${Math.floor(s / 60)} min ${s % 60} s`
}
