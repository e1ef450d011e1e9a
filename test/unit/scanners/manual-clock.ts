import type { ServiceClock } from '../../../electron/core/scanners/scanner-service'

/** A clock for the scanner service that only moves when the test says so. */
export function manualClock(): { clock: ServiceClock; advance(ms: number): Promise<void>; settle(): Promise<void>; pending(): number } {
  let now = 0
  let timers: Array<{ at: number; fn: () => void }> = []
  // Let promise chains (fake devicesAsync/open/close) finish: one macrotask turn, not a sleep.
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r))
  }
  return {
    clock: {
      now: () => now,
      setTimeout(fn, ms) {
        const t = { at: now + ms, fn }
        timers.push(t)
        return t
      },
      clearTimeout(h) {
        timers = timers.filter((t) => t !== h)
      }
    },
    async advance(ms) {
      const end = now + ms
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0]
        if (!due) break
        timers = timers.filter((t) => t !== due)
        now = due.at
        due.fn()
        await settle()
      }
      now = end
      await settle()
    },
    settle,
    pending: () => timers.length
  }
}
