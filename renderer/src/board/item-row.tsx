import { memo, useState } from 'react'
import type { Item } from '../../../shared/contract'
import { GuidanceList } from '../common/guidance-list'
import { InertText, inert, inertCode } from '../common/inert-text'
import { plural } from '../common/plural'
import { isProblem, STATE_LOOK } from './item-model'

interface Props {
  item: Item
  onRemove?: (item: Item) => void
  removeDisabled?: boolean
  /** Show the claim result (review screen) instead of the scan-time state. */
  showResult?: boolean
}

/** One row of the board: a kit card, a loose device or a problem, with its flags and DT guidance. */
export const ItemRow = memo(function ItemRow({ item, onRemove, removeDisabled, showResult }: Props) {
  const look = STATE_LOOK[item.state]
  const problem = isProblem(item)
  const tone = rowTone(item, look.tone)
  // Problem identifiers arrive already escaped by the engine's parser (its `display`): escaping
  // them again would double every backslash, so they get the label rules (hidden chars only).
  const asCode = item.kind !== 'problem'
  const name = asCode ? inertCode(item.identifier, 40) : inert(item.identifier, 40)
  return (
    <article className={`item-row kind-${item.kind} tone-${tone}${problem ? ' problem' : ''}`} aria-label={`${labelFor(item)} ${name}`}>
      <div className="item-head">
        <span className={`state-badge tone-${look.tone}`}>
          <span aria-hidden="true">{look.icon}</span> {look.word}
        </span>
        <span className="item-kind">{labelFor(item)}</span>
        <InertText className="item-id" text={item.identifier} max={60} code={asCode} />
        {item.device && (item.device.deviceType || item.device.kitId) ? (
          <span className="item-meta">
            <InertText text={[item.device.deviceType, item.device.productNumber].filter(Boolean).join(' · ')} max={60} />
            {item.device.kitId ? (
              <>
                {' '}
                · kit <InertText text={item.device.kitId} max={40} code />
              </>
            ) : null}
          </span>
        ) : null}
        <span className="item-source">{item.source}</span>
        {onRemove ? (
          <button type="button" className="small remove" disabled={removeDisabled} onClick={() => onRemove(item)} aria-label={`Remove ${name}`}>
            <span aria-hidden="true">✕</span> Remove
          </button>
        ) : null}
      </div>
      {item.kit ? <KitBody item={item} /> : null}
      {item.flags.length > 0 ? (
        <ul className="flags">
          {item.flags.slice(0, 6).map((f, i) => (
            <li key={i} className={`flag flag-${f.code}`}>
              <strong>
                <InertText text={f.message} max={200} />
              </strong>
              <GuidanceList lines={f.guidance} />
            </li>
          ))}
        </ul>
      ) : null}
      {showResult && item.result ? (
        <p className="result-line">
          Result: <InertText text={item.result.message} max={240} />
          {item.result.code ? (
            <>
              {' '}
              (<InertText text={item.result.code} max={40} />)
            </>
          ) : null}
        </p>
      ) : null}
    </article>
  )
})

/** The row's colour follows the worst of its state and its flags (a duplicate of a good device is amber). */
function rowTone(item: Item, stateTone: Tone): Tone {
  if (stateTone === 'bad') return 'bad'
  if (item.flags.some((f) => BAD_FLAGS.has(f.code))) return 'bad'
  if (item.flags.some((f) => WARN_FLAGS.has(f.code))) return 'warn'
  return stateTone
}
type Tone = 'good' | 'warn' | 'bad' | 'info'
const BAD_FLAGS: ReadonlySet<string> = new Set(['already_claimed_elsewhere', 'not_found', 'invalid', 'lookup_failed', 'drift', 'claim_error'])
const WARN_FLAGS: ReadonlySet<string> = new Set(['duplicate', 'partial_kit', 'unexpected'])

function labelFor(item: Item): string {
  if (item.kind === 'kit') return 'Kit'
  if (item.kind === 'device') return 'Device'
  return 'Problem'
}

function KitBody({ item }: { item: Item }) {
  const kit = item.kit
  const [open, setOpen] = useState(false)
  if (!kit) return null
  const elsewhere = kit.members.filter((m) => m.state === 'claimed_elsewhere').length
  const available = Math.max(0, kit.members.length - elsewhere)
  const total = Math.max(kit.total, kit.members.length, 1)
  const complete = available === total
  return (
    <div className="kit-body">
      <div className="kit-count">
        <span className="kit-name">
          <InertText text={kit.displayName} max={60} />
        </span>
        <span className="kit-fraction">
          {available}/{total}
        </span>
        <progress className={complete ? 'bar-complete' : 'bar-partial'} value={available} max={total} aria-label={`Kit completeness ${available} of ${total}`} />
        <span className="kit-note">
          {complete ? '✔ complete' : `◐ partial: ${total - available} not available`} · {plural(kit.sensors, 'sensor')}
          {kit.cloudConnectors > 0 ? ` · ${plural(kit.cloudConnectors, 'cloud connector')}` : ''}
        </span>
        <button type="button" className="small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide' : 'Show'} {kit.members.length} devices
        </button>
      </div>
      {open ? (
        <ul className="members">
          {kit.members.map((m) => {
            const ml = STATE_LOOK[m.state]
            return (
              <li key={m.deviceId} className={`member tone-${ml.tone}`}>
                <span aria-hidden="true">{ml.icon}</span> <InertText text={m.deviceId} max={30} code /> <span className="member-state">{ml.word}</span>
              </li>
            )
          })}
        </ul>
      ) : null}
    </div>
  )
}
