/**
 * Control barcodes: printed on the control sheet (scripts/control-sheet.ts) so operators can drive a
 * session with the scanner alone. Every payload starts with {@link CONTROL_PREFIX}, which cannot be
 * a DT device ID (contains `:`) nor a kit ID (kit IDs are letters, digits and `-`), so a control code
 * is never mistaken for something to claim.
 */
export const CONTROL_PREFIX = 'DOCKCLAIM:'

/** What a control barcode asks the session to do. */
export type ControlCommand = 'undo' | 'remove_next' | 'pause' | 'commit' | 'cancel' | 'ack'

/** One printed control code: the exact QR payload plus the words printed next to it. */
export interface ControlBarcode {
  readonly command: ControlCommand
  /** Exact QR content (upper case; the parser also accepts it in lower case). */
  readonly payload: string
  /** Large label on the sheet. */
  readonly label: string
  /** One line under the label: what happens when it is scanned. */
  readonly help: string
}

/** Every control barcode, in sheet order. The single source for the parser, the sheet and tests. */
export const CONTROL_BARCODES: readonly ControlBarcode[] = [
  { command: 'undo', payload: `${CONTROL_PREFIX}UNDO`, label: 'UNDO LAST', help: 'Removes the last scanned item from the session.' },
  {
    command: 'remove_next',
    payload: `${CONTROL_PREFIX}REMOVE`,
    label: 'REMOVE NEXT',
    help: 'The next item you scan is removed instead of added.'
  },
  { command: 'pause', payload: `${CONTROL_PREFIX}PAUSE`, label: 'PAUSE', help: 'Pauses the session; scans are refused until it is resumed.' },
  {
    command: 'commit',
    payload: `${CONTROL_PREFIX}COMMIT`,
    label: 'COMMIT (CONFIRM)',
    help: 'Opens the claim confirmation. It never claims by itself.'
  },
  { command: 'cancel', payload: `${CONTROL_PREFIX}CANCEL`, label: 'CANCEL', help: 'Closes the open confirmation or cancels REMOVE NEXT.' },
  { command: 'ack', payload: `${CONTROL_PREFIX}ACK`, label: 'ACKNOWLEDGE ERROR', help: 'Clears an error hold so scanning can go on.' }
]

/** Exact payload string per command, e.g. `CONTROL_PAYLOADS.undo === 'DOCKCLAIM:UNDO'`. */
export const CONTROL_PAYLOADS: Readonly<Record<ControlCommand, string>> = Object.fromEntries(
  CONTROL_BARCODES.map((c) => [c.command, c.payload])
) as Record<ControlCommand, string>

/**
 * The command for a payload that starts with the control prefix (any case), or null when the word
 * after the prefix is not one of ours.
 */
export function controlCommandFor(payload: string): ControlCommand | null {
  const upper = payload.toUpperCase()
  return CONTROL_BARCODES.find((c) => c.payload === upper)?.command ?? null
}
