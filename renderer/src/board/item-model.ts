import type { Flag, Item, ItemState } from '../../../shared/contract'

/** States that need the operator's attention (or block claiming). */
const PROBLEM_STATES: ReadonlySet<ItemState> = new Set([
  'claimed_elsewhere',
  'not_found',
  'invalid',
  'lookup_failed',
  'failed',
  'unknown'
])

/** Flags that are information, not problems (double coverage collapsed, done earlier). */
const INFO_FLAGS: ReadonlySet<Flag['code']> = new Set(['covered_by_kit', 'merged_into_kit', 'already_claimed_here', 'lookup_pending'])

/** True when the item belongs in the "problems on top" group. */
export function isProblem(item: Item): boolean {
  if (item.kind === 'problem') return true
  if (PROBLEM_STATES.has(item.state)) return true
  return item.flags.some((f) => !INFO_FLAGS.has(f.code))
}

/** Problems first, then newest first. ISO timestamps compare as strings. */
export function sortItems(items: Iterable<Item>): Item[] {
  const problems: Item[] = []
  const rest: Item[] = []
  for (const it of items) (isProblem(it) ? problems : rest).push(it)
  const newestFirst = (a: Item, b: Item) => (a.scannedAt < b.scannedAt ? 1 : a.scannedAt > b.scannedAt ? -1 : 0)
  problems.sort(newestFirst)
  rest.sort(newestFirst)
  return problems.concat(rest)
}

/** Operator words + icon per state (never colour alone). */
export const STATE_LOOK: Record<ItemState, { word: string; icon: string; tone: 'good' | 'warn' | 'bad' | 'info' }> = {
  pending: { word: 'Checking', icon: '…', tone: 'info' },
  lookup_failed: { word: 'Lookup failed', icon: '⚠', tone: 'bad' },
  to_claim: { word: 'To claim', icon: '✔', tone: 'good' },
  covered: { word: 'In kit', icon: '⊂', tone: 'info' },
  claimed_here: { word: 'Done earlier', icon: '✔', tone: 'info' },
  claimed_elsewhere: { word: 'Claimed elsewhere', icon: '⊘', tone: 'bad' },
  not_found: { word: 'Not found', icon: '?', tone: 'bad' },
  invalid: { word: 'Not a DT code', icon: '✖', tone: 'bad' },
  sending: { word: 'Sending', icon: '⇪', tone: 'info' },
  unknown: { word: 'Checking result', icon: '…', tone: 'warn' },
  claimed: { word: 'Claimed', icon: '✔', tone: 'good' },
  failed: { word: 'Failed', icon: '✖', tone: 'bad' }
}
