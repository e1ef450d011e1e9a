import type { Settings } from '../../../shared/contract'

export interface ScanCapture {
  /** Wedge capture is listening (enabled in settings, a session open, a scanning screen shown). */
  active: boolean
  /** A burst is arriving right now (for the indicator). */
  receiving: boolean
  /** Read at click time by the claim confirmation: true while a burst is in progress. */
  isBurst: () => boolean
}

/** Keyboard-wedge capture for the scanning screens (wired to renderer/src/wedge once it lands). */
export function useScanCapture(sessionId: string | null, settings: Settings | null, scanningScreen: boolean): ScanCapture {
  const active = sessionId !== null && scanningScreen && (settings?.wedge.enabled ?? false)
  return { active, receiving: false, isBurst: () => false }
}
