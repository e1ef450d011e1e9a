import type { Clock } from './clock'

export interface RateLimitOptions {
  /** Requests allowed per window (DT: 25). */
  max: number
  /** Window length in ms (DT: 5000). */
  windowMs: number
  /**
   * Extra ms added to the window. The client stamps a request when it leaves and DT when it
   * arrives; network jitter can squeeze two stamps closer on DT's side, so keep a margin.
   */
  marginMs: number
}

export const DT_RATE_LIMIT: RateLimitOptions = { max: 25, windowMs: 5000, marginMs: 250 }

/**
 * A sliding-window limiter shared by every call of one DT client (DT limits per caller, not per
 * endpoint). Callers are served first come, first served; `pauseUntil` holds everyone after a
 * 429 so one Retry-After quiets the whole client, not just the request that got it.
 */
export class SlidingWindowLimiter {
  private readonly sent: number[] = []
  private tail: Promise<void> = Promise.resolve()
  private pausedUntil = 0

  constructor(
    private readonly options: RateLimitOptions,
    private readonly clock: Clock
  ) {
    if (!(options.max >= 1) || !(options.windowMs > 0) || !(options.marginMs >= 0)) {
      throw new Error(`invalid rate limit: ${JSON.stringify(options)}`)
    }
  }

  /** Resolves when this caller may send one request (and records it as sent). */
  acquire(): Promise<void> {
    const turn = this.tail.then(() => this.waitForSlot())
    this.tail = turn.catch(() => undefined)
    return turn
  }

  /** Hold every caller until `at` (ms on the limiter's clock), e.g. after a 429. */
  pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at)
  }

  /** Requests recorded in the current window (for tests and diagnostics). */
  inWindow(): number {
    this.prune(this.clock.now())
    return this.sent.length
  }

  private prune(now: number): void {
    const span = this.options.windowMs + this.options.marginMs
    while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - span) this.sent.shift()
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.now()
      this.prune(now)
      let until = this.pausedUntil
      if (this.sent.length >= this.options.max) {
        until = Math.max(until, (this.sent[0] ?? now) + this.options.windowMs + this.options.marginMs)
      }
      if (until <= now) {
        this.sent.push(now)
        return
      }
      await this.clock.sleep(until - now)
    }
  }
}
