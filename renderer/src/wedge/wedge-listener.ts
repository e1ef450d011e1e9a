import { WedgeDetector, type WedgeOptions, type WedgeScan } from './wedge-detector'

/** The attribute that marks the manual-entry field (and anything else the wedge must leave alone). */
export const MANUAL_ENTRY_ATTRIBUTE = 'data-manual-entry'

/** The parts of a DOM KeyboardEvent the listener uses (so it is testable without a DOM). */
export interface WedgeKeyEvent {
  key: string
  timeStamp: number
  repeat: boolean
  isComposing: boolean
  ctrlKey: boolean
  altKey: boolean
  metaKey: boolean
  target: unknown
  preventDefault(): void
  stopImmediatePropagation(): void
}

export interface WedgeListenerOptions extends Partial<WedgeOptions> {
  onScan: (scan: WedgeScan) => void
  onReject?: (rejected: { reason: 'too_short' | 'too_long'; text: string }) => void
  /** Timers and clock (same time base as event.timeStamp, i.e. performance.now()). */
  now: () => number
  setTimer: (fn: () => void, ms: number) => unknown
  clearTimer: (handle: unknown) => void
}

export interface WedgeListener {
  handleKeydown(e: WedgeKeyEvent): void
  /** True while a scan's keys are arriving, or within the suffix grace after a scan ended. */
  isBusy(now: number): boolean
  dispose(): void
}

/**
 * Window-level keydown handler for the keyboard wedge (registered in the capture phase by
 * use-wedge.ts). Keys that belong to a scan are stopped before any element sees them: default
 * action prevented (no button press, no form submit, no focus move) and propagation stopped (no
 * React onKeyDown shortcut fires). Events from inside an element carrying `data-manual-entry` are
 * left alone entirely: that field is where people type IDs by hand.
 */
export function createWedgeListener(options: WedgeListenerOptions): WedgeListener {
  const detector = new WedgeDetector(options)
  const maxGapMs = detector.options.maxGapMs
  let timer: unknown = null

  const deliver = (scan: WedgeScan | undefined): void => {
    if (scan) options.onScan(scan)
  }
  const armFlush = (): void => {
    if (timer !== null) options.clearTimer(timer)
    // Ends a scan from a scanner without a suffix once the burst has gone quiet.
    timer = options.setTimer(() => {
      timer = null
      deliver(detector.flush(options.now()) ?? undefined)
    }, maxGapMs + 1)
  }

  return {
    handleKeydown(e) {
      if (e.isComposing || isInsideManualEntry(e.target)) return
      const step = detector.feed(e)
      if (step.consume) {
        e.preventDefault()
        e.stopImmediatePropagation()
      }
      deliver(step.scan)
      if (step.rejected) options.onReject?.(step.rejected)
      armFlush()
    },
    isBusy: (now) => detector.inBurst(now) || detector.recentlyScanned(now),
    dispose() {
      if (timer !== null) options.clearTimer(timer)
      timer = null
      detector.reset()
    }
  }
}

function isInsideManualEntry(target: unknown): boolean {
  const el = target as { closest?: (selector: string) => unknown } | null
  return typeof el?.closest === 'function' && el.closest(`[${MANUAL_ENTRY_ATTRIBUTE}]`) != null
}
