import { HidPosAssembler } from './hid-pos-assembler'
import { KeyboardReportDecoder } from './keyboard-report-decoder'

/** What one input report (or a quiet period) produced. */
export type DecoderOutput =
  | { type: 'scan'; text: string; aim: string | null; codeId: string | null; rawHex: string }
  | { type: 'dropped'; reason: 'too_long' }
  | { type: 'none' }

/**
 * Per-device report decoding behind one interface, so the scanner service handles HID POS
 * scanners and (Linux hidraw, opt-in) keyboard-mode scanners the same way.
 */
export interface DeviceDecoder {
  readonly mode: 'hid_pos' | 'keyboard'
  push(report: Uint8Array, at: number): DecoderOutput
  /** Milliseconds of silence after which flush() must be called, or null when nothing is pending. */
  flushAfterMs(): number | null
  flush(at: number): DecoderOutput
  reset(): void
}

const NONE: DecoderOutput = { type: 'none' }

export function createHidPosDecoder(): DeviceDecoder {
  const a = new HidPosAssembler()
  return {
    mode: 'hid_pos',
    push(report, at) {
      const r = a.push(report, at)
      if (r.type === 'dropped') return r
      if (r.type !== 'scan') return NONE
      return { type: 'scan', text: r.scan.text, aim: r.scan.aim, codeId: r.scan.codeId, rawHex: r.scan.rawHex }
    },
    // A partial HID POS scan is dropped by the assembler itself when the next report comes late.
    flushAfterMs: () => null,
    flush: () => NONE,
    reset: () => a.reset()
  }
}

/** Keyboard-mode scanner read as raw boot-keyboard reports; a scan without suffix ends after `idleMs`. */
export function createKeyboardDecoder(idleMs = 100): DeviceDecoder {
  const d = new KeyboardReportDecoder()
  let pending = false
  return {
    mode: 'keyboard',
    push(report) {
      const r = d.push(report)
      if (r.type === 'key') pending = true
      if (r.type === 'dropped') {
        pending = false
        return r
      }
      if (r.type !== 'scan') return NONE
      pending = false
      return { type: 'scan', text: r.scan.text, aim: r.scan.aim, codeId: null, rawHex: r.scan.rawHex }
    },
    flushAfterMs: () => (pending ? idleMs : null),
    flush() {
      pending = false
      const s = d.flush()
      return s ? { type: 'scan', text: s.text, aim: s.aim, codeId: null, rawHex: s.rawHex } : NONE
    },
    reset() {
      pending = false
      d.reset()
    }
  }
}
