import { useCallback, useEffect, useRef } from 'react'
import type { WedgeOptions, WedgeScan } from './wedge-detector'
import { createWedgeListener, type WedgeListener } from './wedge-listener'

export interface UseWedgeOptions extends Partial<WedgeOptions> {
  /** Called once per detected scan (AIM and terminator already removed). */
  onScan: (scan: WedgeScan) => void
  /** A fast burst that was too short or too long to be a code. */
  onReject?: (rejected: { reason: 'too_short' | 'too_long'; text: string }) => void
  /** Off while no scan screen is shown; default true. */
  enabled?: boolean
}

/**
 * Keyboard-wedge scanning for the whole window. Mount it on screens that accept scans; pass the
 * text to the same payload parser as every other input path. Contract (docs/scanners.md):
 * listens to keydown on `window` in the capture phase; a scan's keys from the second one on, and
 * its Enter/Tab, are prevented and stopped so they never reach a focused button, form or shortcut;
 * the manual-entry field must carry `data-manual-entry` so typing there is never intercepted.
 * Returns `isBusy()`: true while a scan is arriving or just ended (e.g. to ignore a click then).
 */
export function useWedge(options: UseWedgeOptions): { isBusy: () => boolean } {
  const latest = useRef(options)
  const active = useRef<WedgeListener | null>(null)
  useEffect(() => {
    latest.current = options
  })
  const { enabled = true, maxGapMs, minLength, maxLength, suffixGraceMs } = options

  useEffect(() => {
    if (!enabled) return
    const tuning: Partial<WedgeOptions> = {}
    if (maxGapMs !== undefined) tuning.maxGapMs = maxGapMs
    if (minLength !== undefined) tuning.minLength = minLength
    if (maxLength !== undefined) tuning.maxLength = maxLength
    if (suffixGraceMs !== undefined) tuning.suffixGraceMs = suffixGraceMs
    const listener = createWedgeListener({
      ...tuning,
      onScan: (scan) => latest.current.onScan(scan),
      onReject: (r) => latest.current.onReject?.(r),
      now: () => performance.now(),
      setTimer: (fn, ms) => window.setTimeout(fn, ms),
      clearTimer: (h) => window.clearTimeout(h as number)
    })
    const onKeydown = (e: KeyboardEvent): void => listener.handleKeydown(e)
    window.addEventListener('keydown', onKeydown, { capture: true })
    active.current = listener
    return () => {
      window.removeEventListener('keydown', onKeydown, { capture: true })
      listener.dispose()
      active.current = null
    }
  }, [enabled, maxGapMs, minLength, maxLength, suffixGraceMs])

  const isBusy = useCallback(() => active.current?.isBusy(performance.now()) ?? false, [])
  return { isBusy }
}
