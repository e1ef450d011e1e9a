import { useEffect, useRef } from 'react'
import type { ScanOutcome, Settings } from '../../../shared/contract'
import { DockClientError, errorText, invoke } from '../dock-client'
import { escapeForDisplay } from '../../../shared/payload/display'
import { useWedge } from '../wedge/use-wedge'

export interface ScanCapture {
  /** Wedge capture is listening (enabled in settings, a session open, a scanning screen shown). */
  active: boolean
  /** Read at click time by the claim confirmation: true while a burst is in progress or just ended. */
  isBurst: () => boolean
}

/** Keys closer than this belong to one burst; people type slower than ~80 ms per key. */
const BURST_GAP_MS = 60
/** After a wedge scan ends, a click or key is still treated as scanner input for this long. */
const AFTER_SCAN_MS = 400

/**
 * Keyboard-wedge capture on the scanning screens: every detected scan goes to `session.submitScan`
 * (the engine parses it like any other source and answers with `scan.outcome`). A failed call is
 * turned into a local error outcome so the operator hears and sees it.
 */
export function useScanCapture(
  sessionId: string | null,
  settings: Settings | null,
  scanningScreen: boolean,
  localOutcome: (o: ScanOutcome) => void
): ScanCapture {
  const active = sessionId !== null && scanningScreen && (settings?.wedge.enabled ?? false)
  const lastKey = useRef(0)
  const streak = useRef(0)
  const lastScan = useRef(0)

  // Registered before useWedge's listener (effects run in order), so it sees every key of a burst
  // even though the wedge stops their propagation.
  useEffect(() => {
    if (!active) return
    const onKey = (e: KeyboardEvent) => {
      const gap = e.timeStamp - lastKey.current
      streak.current = gap <= BURST_GAP_MS ? streak.current + 1 : 1
      lastKey.current = e.timeStamp
    }
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [active])

  useWedge({
    enabled: active,
    maxGapMs: settings?.wedge.maxGapMs,
    minLength: settings?.wedge.minLength,
    onScan: (scan) => {
      lastScan.current = performance.now()
      if (!sessionId) return
      const payload = `${scan.aim ?? ''}${scan.text}`
      invoke('session.submitScan', { sessionId, payload: payload.slice(0, 4096), source: 'wedge' }).catch((err: unknown) =>
        localOutcome(failedScan(sessionId, payload, err))
      )
    }
  })

  const isBurst = () => {
    const now = performance.now()
    return (now - lastKey.current < BURST_GAP_MS * 2 && streak.current >= 3) || now - lastScan.current < AFTER_SCAN_MS
  }
  return { active, isBurst }
}

/** A scan the engine did not take (paused session, storage error, bridge down) as an error outcome. */
export function failedScan(sessionId: string, payload: string, err: unknown): ScanOutcome {
  const paused = err instanceof DockClientError && err.code === 'conflict'
  return {
    sessionId,
    at: new Date().toISOString(),
    source: 'wedge',
    scannerId: null,
    display: escapeForDisplay(payload),
    outcome: 'error',
    message: `Scan not taken: ${errorText(err)}`,
    guidance: paused ? ['Resume the session on the Start screen, then scan again.'] : ['Scan the code again.'],
    itemId: null,
    durable: false
  }
}
