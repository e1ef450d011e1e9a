import type { Clock } from '../../../electron/core/claiming/clock'

/** Virtual time: sleep() advances the clock and resolves at once, so no test really waits. */
export class FakeClock implements Clock {
  t = 0
  readonly sleeps: number[] = []
  now(): number {
    return this.t
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms)
    this.t += Math.max(0, ms)
  }
}
