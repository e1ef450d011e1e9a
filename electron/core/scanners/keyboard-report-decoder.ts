import { toHex } from './hid-types'

/** A scan typed by a keyboard-mode scanner, read from raw boot-keyboard reports (Linux hidraw). */
export interface KeyboardScan {
  text: string
  /** AIM prefix split off the typed text when the scanner sends one, else null. */
  aim: string | null
  /** How the scan ended: its Enter/Tab suffix, or silence ({@link KeyboardReportDecoder.flush}). */
  end: 'enter' | 'tab' | 'idle'
  rawHex: string
}

export type KeyboardResult =
  | { type: 'scan'; scan: KeyboardScan }
  | { type: 'key' }
  | { type: 'none' }
  | { type: 'ignored'; reason: 'bad_length' | 'rollover' }
  | { type: 'dropped'; reason: 'too_long' }

// Keyboard page (0x07) usages with US legends: [unshifted, shifted].
const KEYS = new Map<number, readonly [string, string]>()
for (let i = 0; i < 26; i++) KEYS.set(0x04 + i, [String.fromCharCode(97 + i), String.fromCharCode(65 + i)])
'1234567890'.split('').forEach((d, i) => KEYS.set(0x1e + i, [d, '!@#$%^&*()'[i] ?? '']))
const PUNCT: Array<[number, string, string]> = [
  [0x2c, ' ', ' '], [0x2d, '-', '_'], [0x2e, '=', '+'], [0x2f, '[', '{'], [0x30, ']', '}'], [0x31, '\\', '|'],
  [0x32, '#', '~'], [0x33, ';', ':'], [0x34, "'", '"'], [0x35, '`', '~'], [0x36, ',', '<'], [0x37, '.', '>'], [0x38, '/', '?'],
  [0x54, '/', '/'], [0x55, '*', '*'], [0x56, '-', '-'], [0x57, '+', '+'], [0x63, '.', '.']
]
for (const [u, a, b] of PUNCT) KEYS.set(u, [a, b])
'1234567890'.split('').forEach((d, i) => KEYS.set(0x59 + i, [d, d])) // keypad 1–9, 0
const ENTER = new Set([0x28, 0x58])
const TAB = 0x2b
const ERROR_ROLLOVER = 0x01
const SHIFT_BITS = 0x02 | 0x20
const CTRL_BITS = 0x01 | 0x10
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/

export interface KeyboardDecoderOptions {
  /** Characters kept per scan before it is dropped. */
  maxChars?: number
}

/**
 * Decodes boot-keyboard input reports (8 bytes, or 9 with a leading report ID) into scans.
 * Scanners send key-down then all-keys-up per character, so each report is diffed against the
 * previous one and only newly pressed keys count: "11" stays two characters and a held key is not
 * repeated. Shift comes from the modifier byte; Ctrl+letter/[\]^_ becomes the control character
 * (some scanners type GS that way) so the parser can refuse it. Assumes the scanner is set to the
 * US keyboard country (usages are key positions, not characters).
 */
export class KeyboardReportDecoder {
  private readonly maxChars: number
  private prev = new Set<number>()
  private text = ''
  private hex: string[] = []
  private dropping = false

  constructor(options: KeyboardDecoderOptions = {}) {
    this.maxChars = options.maxChars ?? 256
  }

  /** Feed one report. Never throws. */
  push(report: Uint8Array): KeyboardResult {
    if (report.length !== 8 && report.length !== 9) return { type: 'ignored', reason: 'bad_length' }
    const base = report.length === 9 ? 1 : 0
    const mods = report[base] ?? 0
    const keys = [...report.subarray(base + 2, base + 8)].filter((k) => k !== 0)
    // ErrorRollOver: too many keys at once; the report says nothing about which. Keep the old state.
    if (keys.includes(ERROR_ROLLOVER)) return { type: 'ignored', reason: 'rollover' }
    const fresh = keys.filter((k) => !this.prev.has(k))
    this.prev = new Set(keys)
    if (fresh.length === 0) return { type: 'none' }
    this.hex.push(toHex(report))
    for (const k of fresh) {
      if (ENTER.has(k) || k === TAB) {
        const end = k === TAB ? 'tab' : 'enter'
        const out = this.finish(end)
        if (out) return out
        continue
      }
      const ch = this.charFor(k, mods)
      if (ch === null) continue
      if (this.dropping) continue
      if (this.text.length >= this.maxChars) {
        this.dropping = true
        this.text = ''
        this.hex = []
        return { type: 'dropped', reason: 'too_long' }
      }
      this.text += ch
    }
    return { type: 'key' }
  }

  /** End a scan that has no suffix (call after a quiet period). Returns null when nothing is pending. */
  flush(): KeyboardScan | null {
    const r = this.finish('idle')
    return r ? r.scan : null
  }

  /** Forget everything (device closed). */
  reset(): void {
    this.prev = new Set()
    this.text = ''
    this.hex = []
    this.dropping = false
  }

  private finish(end: KeyboardScan['end']): { type: 'scan'; scan: KeyboardScan } | null {
    const wasDropping = this.dropping
    const text = this.text
    const rawHex = this.hex.join(' ')
    this.text = ''
    this.hex = []
    this.dropping = false
    if (wasDropping || text === '') return null
    const aim = AIM_PREFIX.exec(text)?.[0] ?? null
    return { type: 'scan', scan: { text: aim ? text.slice(aim.length) : text, aim, end, rawHex } }
  }

  private charFor(usage: number, mods: number): string | null {
    const pair = KEYS.get(usage)
    if (!pair) return null
    const shifted = (mods & SHIFT_BITS) !== 0
    if ((mods & CTRL_BITS) !== 0) {
      const code = pair[shifted ? 1 : 0].toUpperCase().charCodeAt(0)
      return code >= 0x40 && code <= 0x5f ? String.fromCharCode(code & 0x1f) : null
    }
    return pair[shifted ? 1 : 0]
  }
}
