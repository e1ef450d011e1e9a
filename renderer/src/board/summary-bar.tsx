import type { SessionSummary } from '../../../shared/contract'

const CELLS: { key: keyof SessionSummary; label: string; icon: string; tone: string }[] = [
  { key: 'kits', label: 'Kits', icon: '▣', tone: 'info' },
  { key: 'devicesToClaim', label: 'Devices to claim', icon: '✔', tone: 'good' },
  { key: 'alreadyClaimed', label: 'Already claimed', icon: '⊘', tone: 'bad' },
  { key: 'notFound', label: 'Not found', icon: '?', tone: 'bad' },
  { key: 'duplicates', label: 'Duplicates', icon: '≡', tone: 'warn' },
  { key: 'pending', label: 'Pending lookups', icon: '…', tone: 'info' }
]

/** Counts for the whole session; a non-zero problem count is bold with its icon. */
export function SummaryBar({ summary }: { summary: SessionSummary }) {
  return (
    <section className="summary-bar" aria-label="Session summary">
      <dl>
        {CELLS.map((c) => (
          <div key={c.key} className={`summary-cell tone-${c.tone}${summary[c.key] > 0 ? ' nonzero' : ''}`}>
            <dt>
              <span aria-hidden="true">{c.icon}</span> {c.label}
            </dt>
            <dd>{summary[c.key]}</dd>
          </div>
        ))}
        {summary.invalid > 0 ? (
          <div className="summary-cell tone-bad nonzero">
            <dt>
              <span aria-hidden="true">✖</span> Not DT codes
            </dt>
            <dd>{summary.invalid}</dd>
          </div>
        ) : null}
        {summary.claimed + summary.failed > 0 ? (
          <>
            <div className="summary-cell tone-good nonzero">
              <dt>
                <span aria-hidden="true">✔</span> Claimed
              </dt>
              <dd>{summary.claimed}</dd>
            </div>
            <div className={`summary-cell tone-bad${summary.failed > 0 ? ' nonzero' : ''}`}>
              <dt>
                <span aria-hidden="true">✖</span> Failed
              </dt>
              <dd>{summary.failed}</dd>
            </div>
          </>
        ) : null}
      </dl>
    </section>
  )
}
