/**
 * Keyboard-wedge scan detection: tells a scanner's keystroke burst from a person typing, by timing.
 * Pure (no DOM): fed `{ key, timeStamp }` from keydown events (`event.key`, so `: / ? = _ -` in URL
 * QR codes survive, unlike keyCode mappers). A scan is a run of printable keys each at most
 * `maxGapMs` after the previous one, at least `minLength` long, ended by Enter/Tab or by silence.
 * Host keyboard layout must match the scanner's (set scanners to US), see docs/scanners.md.
 */

export interface WedgeOptions {
  /** Longest pause between two keys of one scan. Measured scanners: 1–19 ms; people: ~100 ms. */
  maxGapMs: number
  /** Shorter bursts are typing (or noise), not scans. */
  minLength: number
  /** Longest scan kept; longer bursts are dropped whole. */
  maxLength: number
  /**
   * An Enter/Tab this soon after a scan ended is still the scanner's (a late suffix, or the LF of
   * CR LF) and is consumed, so it cannot press the focused button.
   */
  suffixGraceMs: number
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxGapMs: 50, minLength: 4, maxLength: 512, suffixGraceMs: 300 }

export interface WedgeKey {
  key: string
  timeStamp: number
  repeat?: boolean
  ctrlKey?: boolean
  altKey?: boolean
  metaKey?: boolean
}

export interface WedgeScan {
  /** Scanned text, AIM prefix and terminator removed. */
  text: string
  aim: string | null
  end: 'enter' | 'tab' | 'timeout'
  /** Keys in the burst and its duration, for the scanner setup check. */
  keys: number
  durationMs: number
}

/**
 * What to do with a key. `consume`: the key belongs to a scan in progress (or ends one); the caller
 * must preventDefault and stop it, so a scanner's Enter never presses a button or submits a form.
 * `scan`: a scan completed (by this key, or by the silence before it for suffix-less scanners).
 */
export interface WedgeStep {
  consume: boolean
  scan?: WedgeScan
  rejected?: { reason: 'too_short' | 'too_long'; text: string }
}

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'OS'])
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/

export class WedgeDetector {
  private readonly opts: WedgeOptions
  private buf = ''
  private keys = 0
  private firstAt = 0
  private lastAt = -Infinity
  private overflow = false
  private scanEndedAt = -Infinity

  constructor(options: Partial<WedgeOptions> = {}) {
    // Only defined, finite values override a default (settings may pass `undefined` or junk).
    const pick = (k: keyof WedgeOptions): number => {
      const v = options[k]
      return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : DEFAULT_WEDGE_OPTIONS[k]
    }
    this.opts = { maxGapMs: pick('maxGapMs'), minLength: pick('minLength'), maxLength: pick('maxLength'), suffixGraceMs: pick('suffixGraceMs') }
  }

  /** The options in effect (after defaults). */
  get options(): Readonly<WedgeOptions> {
    return this.opts
  }

  /** Feed one keydown. */
  feed(k: WedgeKey): WedgeStep {
    if (MODIFIERS.has(k.key)) return { consume: this.inBurst(k.timeStamp) }
    // A suffix-less scan ended in the silence before this key; deliver it along with this step.
    const ended = this.flush(k.timeStamp)
    const step = this.step(k)
    return ended ? { ...step, scan: ended } : step
  }

  private step(k: WedgeKey): WedgeStep {
    const fast = k.timeStamp - this.lastAt <= this.opts.maxGapMs
    if (k.repeat || k.ctrlKey || k.altKey || k.metaKey) {
      this.reset()
      return { consume: false }
    }
    if (k.key === 'Enter' || k.key === 'Tab') {
      if (this.keys === 0 && k.timeStamp - this.scanEndedAt <= this.opts.suffixGraceMs) {
        this.scanEndedAt = -Infinity
        return { consume: true }
      }
      if (!fast || this.keys === 0) {
        this.reset()
        return { consume: false }
      }
      return this.finish(k.key === 'Tab' ? 'tab' : 'enter')
    }
    if ([...k.key].length !== 1) {
      // Arrows, F-keys, Backspace, Escape, Dead, Unidentified, Process (IME): a person is typing.
      this.reset()
      return { consume: false }
    }
    if (!fast) this.reset()
    if (this.keys === 0) this.firstAt = k.timeStamp
    this.keys++
    this.lastAt = k.timeStamp
    if (!this.overflow) {
      this.buf += k.key
      if (this.buf.length > this.opts.maxLength) {
        this.overflow = true
        this.buf = ''
      }
    }
    // The first key cannot be told from typing yet, so it passes; from the second fast key on the
    // burst is a scan in progress and its keys are consumed.
    return { consume: this.keys > 1 }
  }

  /**
   * Call when no key came for a while (longer than maxGapMs): ends a scan from a scanner configured
   * without a suffix. Returns null when nothing scan-like is pending.
   */
  flush(now: number): WedgeScan | null {
    if (this.keys === 0 || now - this.lastAt <= this.opts.maxGapMs) return null
    return this.finish('timeout').scan ?? null
  }

  /** True while a burst of at least two fast keys is running. */
  inBurst(now: number): boolean {
    return this.keys > 1 && now - this.lastAt <= this.opts.maxGapMs
  }

  /** True within `suffixGraceMs` after the last key of a completed scan. */
  recentlyScanned(now: number): boolean {
    return now - this.scanEndedAt <= this.opts.suffixGraceMs
  }

  reset(): void {
    this.buf = ''
    this.keys = 0
    this.lastAt = -Infinity
    this.overflow = false
  }

  private finish(end: WedgeScan['end']): WedgeStep {
    const text = this.buf
    const overflow = this.overflow
    const keys = this.keys
    const lastAt = this.lastAt
    const durationMs = lastAt - this.firstAt
    this.reset()
    if (overflow) return { consume: true, rejected: { reason: 'too_long', text: '' } }
    const aim = AIM_PREFIX.exec(text)?.[0] ?? null
    const body = aim ? text.slice(aim.length) : text
    if (text.length < this.opts.minLength) {
      // A lone key then Enter is a person; a short fast burst may still be a scanner: consume its
      // terminator (never let it press a button) but report it as too short.
      return keys > 1 ? { consume: true, rejected: { reason: 'too_short', text } } : { consume: false }
    }
    // Timeout-ended scans may still get their suffix late; an Enter/Tab-ended one may get a second.
    this.scanEndedAt = lastAt
    return { consume: true, scan: { text: body, aim, end, keys, durationMs } }
  }
}
