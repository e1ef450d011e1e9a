import { describe, expect, it } from 'vitest'
import { SlidingWindowLimiter } from '../../../electron/core/claiming/rate-limiter'
import { FakeClock } from './fake-clock'

describe('SlidingWindowLimiter', () => {
  it('lets max requests through per window, then waits for the oldest to leave the window', async () => {
    const clock = new FakeClock()
    const limiter = new SlidingWindowLimiter({ max: 25, windowMs: 5000, marginMs: 250 }, clock)
    const stamps: number[] = []
    for (let i = 0; i < 60; i++) {
      await limiter.acquire()
      stamps.push(clock.now())
    }
    expect(stamps.slice(0, 25).every((t) => t === 0)).toBe(true)
    expect(stamps[25]).toBe(5250)
    // Property: no window of windowMs+margin ever holds more than max stamps.
    for (let i = 25; i < stamps.length; i++) expect(stamps[i]! - stamps[i - 25]!).toBeGreaterThanOrEqual(5250)
  })

  it('serves concurrent callers first come, first served', async () => {
    const clock = new FakeClock()
    const limiter = new SlidingWindowLimiter({ max: 2, windowMs: 100, marginMs: 0 }, clock)
    const order: number[] = []
    await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.acquire().then(() => order.push(i))))
    expect(order).toEqual([0, 1, 2, 3, 4])
    expect(clock.now()).toBe(200)
  })

  it('holds every caller after pauseUntil (a 429 quiets the whole client)', async () => {
    const clock = new FakeClock()
    const limiter = new SlidingWindowLimiter({ max: 100, windowMs: 1000, marginMs: 0 }, clock)
    await limiter.acquire()
    limiter.pauseUntil(3000)
    await limiter.acquire()
    expect(clock.now()).toBe(3000)
    limiter.pauseUntil(1000) // an earlier pause never shortens a later one
    await limiter.acquire()
    expect(clock.now()).toBe(3000)
  })

  it('keeps serving the queue after one waiting caller fails', async () => {
    const clock = new FakeClock()
    let failOnce = true
    const flaky = { now: () => clock.now(), sleep: async (ms: number) => {
      if (failOnce) {
        failOnce = false
        throw new Error('timer broke')
      }
      await clock.sleep(ms)
    } }
    const limiter = new SlidingWindowLimiter({ max: 1, windowMs: 10, marginMs: 0 }, flaky)
    await limiter.acquire()
    await expect(limiter.acquire()).rejects.toThrow('timer broke')
    await limiter.acquire()
    expect(clock.now()).toBe(10)
  })

  it('refuses nonsense settings with a clear error', () => {
    expect(() => new SlidingWindowLimiter({ max: 0, windowMs: 10, marginMs: 0 }, new FakeClock())).toThrow(/invalid rate limit/)
    expect(() => new SlidingWindowLimiter({ max: 1, windowMs: -1, marginMs: 0 }, new FakeClock())).toThrow(/invalid rate limit/)
  })
})
