import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { encodeHidPosReports } from '../../../electron/core/scanners/hid-pos-encoder'

/** The golden recording (see test/fixtures/hid/README.md). */
export interface HoneywellCapture {
  source: string
  reports: string[]
  expected: Array<{ aim: string; text: string }>
}

export function loadHoneywellCapture(): HoneywellCapture {
  const file = join(__dirname, '../../fixtures/hid/honeywell-voyager-1602g-revinf.json')
  return JSON.parse(readFileSync(file, 'utf8')) as HoneywellCapture
}

/**
 * HID POS reports for one scan. The encoder lives in core (the harness simulates scans with it);
 * hid-pos-assembler.test.ts checks it byte for byte against the capture before other tests use it.
 */
export const hidPosReports = encodeHidPosReports

// Keyboard page usages for the US layout: [usage, shift].
const US = new Map<string, [number, boolean]>()
for (let i = 0; i < 26; i++) {
  US.set(String.fromCharCode(97 + i), [0x04 + i, false])
  US.set(String.fromCharCode(65 + i), [0x04 + i, true])
}
'1234567890'.split('').forEach((d, i) => US.set(d, [0x1e + i, false]))
'!@#$%^&*()'.split('').forEach((d, i) => US.set(d, [0x1e + i, true]))
const P: Array<[string, number, boolean]> = [
  [' ', 0x2c, false], ['-', 0x2d, false], ['_', 0x2d, true], ['=', 0x2e, false], ['+', 0x2e, true], ['[', 0x2f, false],
  ['{', 0x2f, true], [']', 0x30, false], ['}', 0x30, true], ['\\', 0x31, false], ['|', 0x31, true], [';', 0x33, false],
  [':', 0x33, true], ["'", 0x34, false], ['"', 0x34, true], ['`', 0x35, false], ['~', 0x35, true], [',', 0x36, false],
  ['<', 0x36, true], ['.', 0x37, false], ['>', 0x37, true], ['/', 0x38, false], ['?', 0x38, true]
]
for (const [c, u, s] of P) US.set(c, [u, s])
export const US_TYPABLE = [...US.keys()].join('')

/**
 * Boot-keyboard reports for typed text: key-down then all-keys-up per character, as scanners send
 * them (Microscan/Honeywell docs). `reportId` adds the leading byte of the 9-byte variant.
 */
export function keyboardReports(text: string, opts: { reportId?: number; end?: 'enter' | 'tab' | null; shiftBit?: number } = {}): Buffer[] {
  const out: Buffer[] = []
  const push = (mods: number, key: number): void => {
    const r = [mods, 0, key, 0, 0, 0, 0, 0]
    out.push(Buffer.from(opts.reportId === undefined ? r : [opts.reportId, ...r]))
  }
  for (const ch of text) {
    const k = US.get(ch)
    if (!k) throw new Error(`not typable on a US keyboard: ${JSON.stringify(ch)}`)
    push(k[1] ? (opts.shiftBit ?? 0x02) : 0, k[0])
    push(0, 0)
  }
  const end = opts.end === undefined ? 'enter' : opts.end
  if (end) {
    push(0, end === 'enter' ? 0x28 : 0x2b)
    push(0, 0)
  }
  return out
}
