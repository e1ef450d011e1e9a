import type { Item, Session } from '../../../shared/contract'
import { InertText } from '../common/inert-text'

/**
 * The printable pallet receipt, rendered by React (the HTML file main writes cannot be shown in a
 * frame under the CSP without loosening it). Hidden on screen; the print stylesheet shows only it.
 */
export function ReceiptView({ session, items, visible }: { session: Session; items: Item[]; visible: boolean }) {
  const kits = items.filter((i) => i.kit)
  const errors = items.filter((i) => i.state === 'failed' || i.state === 'claimed_elsewhere' || i.state === 'not_found' || i.state === 'invalid')
  const s = session.summary
  return (
    <div className={`receipt${visible ? ' printing' : ''}`} aria-hidden={!visible}>
      <h1>Dock Claim receipt</h1>
      <table>
        <tbody>
          <tr><th scope="row">Reference</th><td>{session.reference ? <InertText text={session.reference} max={80} /> : '–'}</td></tr>
          <tr><th scope="row">Operator</th><td><InertText text={session.operator} max={60} /></td></tr>
          <tr><th scope="row">Station</th><td><InertText text={session.station} max={60} /></td></tr>
          <tr><th scope="row">Project</th><td><InertText text={session.projectName} max={80} /> (<InertText text={session.projectId} max={40} />)</td></tr>
          <tr><th scope="row">Session</th><td>{session.id} · started {session.createdAt}</td></tr>
          <tr><th scope="row">Totals</th><td>{s.kits} kits · {s.claimed} claimed · {s.failed} failed · {s.alreadyClaimed} already claimed · {s.notFound} not found</td></tr>
        </tbody>
      </table>
      <h2>Kits</h2>
      <table>
        <thead><tr><th>Kit</th><th>Devices</th><th>Claimed</th><th>Not available</th></tr></thead>
        <tbody>
          {kits.map((k) => (
            <tr key={k.id}>
              <td><InertText text={k.identifier} max={64} code /></td>
              <td>{k.kit?.total}</td>
              <td>{k.kit?.members.filter((m) => m.state === 'claimed').length}</td>
              <td>{k.kit?.members.filter((m) => m.state === 'claimed_elsewhere').length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Errors ({errors.length})</h2>
      <ul>
        {errors.slice(0, 500).map((e) => (
          <li key={e.id}>
            <InertText text={e.identifier} max={64} code /> – <InertText text={e.result?.message ?? e.flags[0]?.message ?? e.state} max={160} />
          </li>
        ))}
      </ul>
    </div>
  )
}
