import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import type { AuditRow, AuditVerify } from '../../../shared/contract'
import { FileWritten } from '../common/copy-path'
import { ErrorBox } from '../common/error-box'
import { InertText } from '../common/inert-text'
import { useAction } from '../common/use-action'
import { invoke } from '../dock-client'

interface Filters {
  text: string
  sessionId: string
  operator: string
  outcome: string
  from: string
  to: string
}

const EMPTY: Filters = { text: '', sessionId: '', operator: '', outcome: '', from: '', to: '' }
const PAGE = 200

/** Only filled filters are sent; the contract combines them with AND. */
function query(f: Filters) {
  const q: { text?: string; sessionId?: string; operator?: string; outcome?: string; from?: string; to?: string } = {}
  for (const k of Object.keys(f) as (keyof Filters)[]) {
    const v = f[k].trim()
    if (v !== '') q[k] = v
  }
  // Date pickers give local calendar days; the log stores UTC ISO timestamps.
  if (q.from) q.from = new Date(`${q.from}T00:00:00`).toISOString()
  if (q.to) q.to = new Date(`${q.to}T23:59:59.999`).toISOString()
  return q
}

/** The tamper-evident audit log: filter, verify the hash chain, export. */
export function AuditScreen({ initialSessionId }: { initialSessionId: string | null }) {
  const [filters, setFilters] = useState<Filters>({ ...EMPTY, sessionId: initialSessionId ?? '' })
  const [rows, setRows] = useState<AuditRow[]>([])
  const [total, setTotal] = useState<number | null>(null)
  const [offset, setOffset] = useState(0)
  const [verify, setVerify] = useState<AuditVerify | null>(null)
  const [exported, setExported] = useState<string | null>(null)
  const action = useAction()
  const { run } = action

  const search = useCallback(
    (f: Filters, off: number) => {
      void run(async () => {
        const r = await invoke('audit.query', { ...query(f), limit: PAGE, offset: off })
        setRows(r.rows)
        setTotal(r.total)
        setOffset(off)
      })
    },
    [run]
  )
  const initial = useRef(filters)
  useEffect(() => search(initial.current, 0), [search])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    search(filters, 0)
  }
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [k]: e.target.value }))

  return (
    <section className="screen audit" aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void run(async () => setVerify(await invoke('audit.verify', {})))}>
          Verify hash chain
        </button>
        <button type="button" onClick={() => void run(async () => setExported((await invoke('audit.export', { ...query(filters), limit: 1000, offset: 0 })).path))}>
          Export shown filter as CSV
        </button>
      </div>
      {verify ? <VerifyResult v={verify} /> : null}
      {exported ? <FileWritten label="Audit CSV" path={exported} /> : null}
      <form className="filters" onSubmit={submit} aria-label="Audit filters">
        <div className="field">
          <label htmlFor="f-text">Device or kit ID</label>
          <input id="f-text" data-manual-entry="true" value={filters.text} maxLength={128} onChange={set('text')} />
        </div>
        <div className="field">
          <label htmlFor="f-session">Session</label>
          <input id="f-session" data-manual-entry="true" value={filters.sessionId} maxLength={64} onChange={set('sessionId')} />
        </div>
        <div className="field">
          <label htmlFor="f-operator">Operator</label>
          <input id="f-operator" data-manual-entry="true" value={filters.operator} maxLength={64} onChange={set('operator')} />
        </div>
        <div className="field">
          <label htmlFor="f-outcome">Outcome</label>
          <input id="f-outcome" data-manual-entry="true" value={filters.outcome} maxLength={64} onChange={set('outcome')} list="outcomes" />
          <datalist id="outcomes">
            {['ok', 'duplicate', 'already_claimed', 'not_found', 'partial_kit', 'invalid', 'claimed', 'failed', 'removed'].map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="f-from">From date</label>
          <input id="f-from" type="date" value={filters.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="f-to">To date</label>
          <input id="f-to" type="date" value={filters.to} onChange={set('to')} />
        </div>
        <div className="button-row">
          <button type="submit" className="primary">
            Search
          </button>
          <button
            type="button"
            onClick={() => {
              setFilters(EMPTY)
              search(EMPTY, 0)
            }}
          >
            Clear filters
          </button>
        </div>
      </form>
      <ErrorBox error={action.error} onDismiss={() => action.setError(null)} />
      {total !== null ? (
        <p role="status">
          {total === 0 ? 'No audit rows match.' : `Rows ${offset + 1}–${offset + rows.length} of ${total}`}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-scroll" role="region" aria-label="Audit rows" tabIndex={0}>
          <table className="table audit-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Subject</th>
                <th scope="col">Outcome</th>
                <th scope="col">Operator</th>
                <th scope="col">Session</th>
                <th scope="col">Station</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.seq}>
                  <td>{r.seq}</td>
                  <td className="nowrap" title={r.ts}>{formatTs(r.ts)}</td>
                  <td className="nowrap"><InertText text={r.eventType} max={32} /></td>
                  <td className="mono">{r.subject ? <InertText text={r.subject} max={40} code /> : '–'}</td>
                  <td><InertText text={r.outcome} max={32} /></td>
                  <td>{r.operator ? <InertText text={r.operator} max={30} /> : '–'}</td>
                  <td className="mono">{r.sessionId ? <InertText text={r.sessionId} max={14} /> : '–'}</td>
                  <td><InertText text={r.station} max={24} /></td>
                  <td className="mono payload"><InertText text={r.payload} max={120} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {total !== null && total > PAGE ? (
        <div className="button-row">
          <button type="button" disabled={offset === 0 || action.busy} onClick={() => search(filters, Math.max(0, offset - PAGE))}>
            ← Newer page
          </button>
          <button type="button" disabled={offset + PAGE >= total || action.busy} onClick={() => search(filters, offset + PAGE)}>
            Older page →
          </button>
        </div>
      ) : null}
    </section>
  )
}

function formatTs(ts: string): string {
  const d = new Date(ts)
  return Number.isNaN(d.getTime()) ? ts : d.toLocaleString()
}

function VerifyResult({ v }: { v: AuditVerify }) {
  return (
    <div className={`verify-result ${v.ok ? 'tone-good' : 'tone-bad'}`} role="status" aria-label="Chain verification result">
      <p className="big-fact">
        <span aria-hidden="true">{v.ok ? '✔' : '✖'}</span>{' '}
        {v.ok ? `Audit chain verified: ${v.checked} rows intact` : `Audit chain BROKEN at row ${v.firstBadSeq ?? '?'} (${v.checked} rows checked)`}
      </p>
      {v.reason ? (
        <p>
          <InertText text={v.reason} max={300} />
        </p>
      ) : null}
      {v.headHash ? <p className="mono small-text">Head hash {v.headHash}</p> : null}
    </div>
  )
}
