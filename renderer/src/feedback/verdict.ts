import type { Item, ScanOutcome } from '../../../shared/contract'

/**
 * The engine answers a scan as soon as it is durable ("saved; checking with DT") and the DT lookup
 * lands later as an item update. This turns that update into the scan's verdict (problems are also
 * announced by the engine as a late `scan.outcome`; the UI uses this for the clean case and to stop
 * waiting). Returns null while the item is still pending (or the lookup failed and will be retried).
 */
export function verdictFor(scan: ScanOutcome, item: Item): ScanOutcome | null {
  if (item.state === 'pending' || item.state === 'lookup_failed') return null
  const flag = (code: string) => item.flags.find((f) => f.code === code)
  const make = (outcome: ScanOutcome['outcome'], fallback: string, flagCode?: string): ScanOutcome => {
    const f = flagCode ? flag(flagCode) : undefined
    return { ...scan, outcome, message: f?.message ?? item.flags[0]?.message ?? fallback, guidance: f?.guidance ?? item.flags[0]?.guidance ?? [] }
  }
  if (item.state === 'not_found') return make('not_found', 'DT does not know this ID.', 'not_found')
  if (item.state === 'claimed_elsewhere') return make('already_claimed', 'Already claimed by someone else.', 'already_claimed_elsewhere')
  if (item.state === 'invalid') return make('invalid', 'Not a DT device or kit code.', 'invalid')
  if (flag('partial_kit')) return make('partial_kit', 'Part of this kit is already claimed.', 'partial_kit')
  if (item.state === 'claimed_here') return { ...scan, outcome: 'ok', message: 'Claimed earlier by this station: done.', guidance: [] }
  return { ...scan, outcome: 'ok', message: 'Checked with DT: ready to claim.', guidance: [] }
}
