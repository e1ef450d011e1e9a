import { useMemo, useState } from 'react'
import type { Item, Session } from '../../../shared/contract'
import { ItemList } from '../board/item-list'
import { FileWritten } from '../common/copy-path'
import { ErrorBox } from '../common/error-box'
import { useAction } from '../common/use-action'
import { invoke } from '../dock-client'
import { ReceiptView } from './receipt-view'

interface Props {
  sessionId: string
  session: Session
  items: Item[]
  onRetryFailed: () => void
  onShowAudit: () => void
  busy: boolean
}

const isFailed = (i: Item) => i.state === 'failed' || i.state === 'unknown'

/** Per-item claim results: filter failed, retry failed only, CSV export, receipt (file + print view). */
export function ResultsPanel({ sessionId, session, items, onRetryFailed, onShowAudit, busy }: Props) {
  const [failedOnly, setFailedOnly] = useState(false)
  const [csvPath, setCsvPath] = useState<string | null>(null)
  const [receiptPath, setReceiptPath] = useState<string | null>(null)
  const [printing, setPrinting] = useState(false)
  const action = useAction()
  const failed = useMemo(() => items.filter(isFailed), [items])
  const shown = failedOnly ? failed : items
  const s = session.summary

  const exportCsv = () => void action.run(async () => setCsvPath((await invoke('export.results', { sessionId })).path))
  const exportReceipt = () => void action.run(async () => setReceiptPath((await invoke('export.receipt', { sessionId })).path))
  const print = () => {
    setPrinting(true)
    // Print after the receipt view is in the DOM; the print stylesheet hides everything else.
    requestAnimationFrame(() => {
      window.print()
      setPrinting(false)
    })
  }

  return (
    <section className="results" aria-labelledby="results-title">
      <h2 id="results-title">Results</h2>
      <p className={`big-fact ${s.failed > 0 ? 'tone-bad' : 'tone-good'}`} role="status">
        <span aria-hidden="true">{s.failed > 0 ? '⚠' : '✔'}</span> {s.claimed} claimed · {s.failed} failed · {s.alreadyClaimed} already claimed · {s.notFound}{' '}
        not found
      </p>
      <div className="button-row">
        <button type="button" onClick={onRetryFailed} disabled={busy || failed.length === 0}>
          <span aria-hidden="true">↻</span> Retry failed only ({failed.length})
        </button>
        <button type="button" aria-pressed={failedOnly} onClick={() => setFailedOnly((f) => !f)}>
          {failedOnly ? 'Show all items' : 'Show failed only'}
        </button>
        <button type="button" onClick={exportCsv} disabled={action.busy}>
          Export results CSV
        </button>
        <button type="button" onClick={exportReceipt} disabled={action.busy}>
          Save receipt
        </button>
        <button type="button" onClick={print}>
          Print receipt
        </button>
        <button type="button" onClick={onShowAudit}>
          Show in audit log
        </button>
      </div>
      <ErrorBox error={action.error} onDismiss={() => action.setError(null)} />
      {csvPath ? <FileWritten label="Results CSV" path={csvPath} /> : null}
      {receiptPath ? <FileWritten label="Receipt" path={receiptPath} /> : null}
      <ItemList items={shown} label={failedOnly ? 'Failed items' : 'Claim results'} showResult />
      <ReceiptView session={session} items={items} visible={printing} />
    </section>
  )
}
