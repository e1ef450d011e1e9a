import type { ScannerStatus } from '../../../shared/contract/scanners'
import type { ParsedPayload } from '../../../shared/payload'
import type { HidBackend } from './hid-types'

// Types of the scanner service's options and events (the service itself is scanner-service.ts).

/** One decoded scan, tagged with the scanner it came from. */
export interface ScanEvent {
  scannerId: string
  text: string
  aim: string | null
  codeId: string | null
  rawHex: string
  /** When the last report of the scan arrived (service clock). */
  at: Date
  /** The shared parser's verdict, so every consumer sees the same classification. */
  parsed: ParsedPayload
}

export interface DroppedEvent {
  scannerId: string
  reason: 'repeat' | 'too_long'
  at: Date
}

/** Time and timers, injected so tests drive them without sleeping. */
export interface ServiceClock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface ScannerServiceOptions {
  backend: HidBackend
  clock?: ServiceClock
  /** Rediscovery interval. Enumeration is costly (node-hid README), so keep it slow. */
  pollMs?: number
  /** Longest wait between retries of a device (or of enumeration) that keeps failing. */
  maxBackoffMs?: number
  reReadWindowMs?: number
  /** Sound the error beep (where supported) when a scan fails the payload parser. */
  beepOnInvalid?: boolean
  platform?: string
  /**
   * Linux only: also open scanners left in keyboard mode and decode their raw keyboard reports.
   * Their keystrokes still reach the focused window too (the kernel feeds both), so the app keeps
   * this off and uses the wedge; `dock-claim scanners --listen --keyboard` turns it on.
   */
  readKeyboardScanners?: boolean
  log?: (message: string, detail?: unknown) => void
}

/** Events the service emits, for typed listeners. */
export interface ScannerServiceEvents {
  scan: [ScanEvent]
  dropped: [DroppedEvent]
  status: [ScannerStatus]
  backend_error: [{ message: string; hint: string | null }]
}

/** Real time and timers. */
export const systemClock: ServiceClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
}

