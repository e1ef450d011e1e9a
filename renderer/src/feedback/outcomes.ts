import type { ScanOutcome } from '../../../shared/contract'

export type Outcome = ScanOutcome['outcome']

/** The six sounds operators learn; every scan outcome maps to one of them. */
export type SoundKind = 'ok' | 'duplicate' | 'already_claimed' | 'not_found' | 'partial_kit' | 'error'

/** How each outcome looks and sounds. Icon + word always accompany the colour (never colour alone). */
export interface OutcomeLook {
  word: string
  icon: string
  tone: 'good' | 'warn' | 'bad' | 'info'
  sound: SoundKind | null
  /** A problem scan: starts the error hold when that option is on. */
  problem: boolean
}

export const OUTCOME_LOOK: Record<Outcome, OutcomeLook> = {
  ok: { word: 'OK', icon: '✔', tone: 'good', sound: 'ok', problem: false },
  pending: { word: 'SAVED – CHECKING', icon: '…', tone: 'info', sound: 'ok', problem: false },
  duplicate: { word: 'DUPLICATE', icon: '≡', tone: 'warn', sound: 'duplicate', problem: true },
  already_claimed: { word: 'ALREADY CLAIMED', icon: '⊘', tone: 'bad', sound: 'already_claimed', problem: true },
  not_found: { word: 'NOT FOUND', icon: '?', tone: 'bad', sound: 'not_found', problem: true },
  partial_kit: { word: 'PARTIAL KIT', icon: '◐', tone: 'warn', sound: 'partial_kit', problem: false },
  invalid: { word: 'NOT A DT CODE', icon: '✖', tone: 'bad', sound: 'error', problem: true },
  held: { word: 'HELD – ACKNOWLEDGE FIRST', icon: '⚠', tone: 'bad', sound: 'error', problem: true },
  control: { word: 'COMMAND', icon: '⌘', tone: 'info', sound: null, problem: false },
  error: { word: 'ERROR – NOT SAVED', icon: '✖', tone: 'bad', sound: 'error', problem: true }
}

/**
 * The look for one outcome. An "ok" that was not durably committed is treated as an error: the
 * engine only acknowledges after SQLite returned, and the UI must never beep OK before that.
 */
export function lookFor(outcome: ScanOutcome): OutcomeLook {
  if (outcome.outcome === 'ok' && !outcome.durable) return OUTCOME_LOOK.error
  return OUTCOME_LOOK[outcome.outcome]
}
