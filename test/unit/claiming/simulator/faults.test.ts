import { describe, expect, it } from 'vitest'
import { FaultState, seededRandom } from '../../../../electron/core/claiming/simulator/faults'

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = seededRandom(42), b = seededRandom(42), c = seededRandom(43)
    const sa = Array.from({ length: 10 }, a), sb = Array.from({ length: 10 }, b), sc = Array.from({ length: 10 }, c)
    expect(sa).toEqual(sb)
    expect(sa).not.toEqual(sc)
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true)
  })
})

describe('FaultState', () => {
  const now = (): number => Date.parse('2026-11-25T12:00:00.300Z')
  it('plays a scripted storm exactly count times, with Retry-After in both forms', () => {
    const f = new FaultState({ failNext: { status: 429, count: 2, retryAfterSeconds: 3 } }, seededRandom(1), now)
    expect(f.beforeApply()).toEqual({ status: 429, retryAfter: '3' })
    expect(f.beforeApply()).toEqual({ status: 429, retryAfter: '3' })
    expect(f.beforeApply()).toBeNull()
    f.update({ failNext: { status: 503, count: 1, retryAfterSeconds: 2, retryAfterForm: 'date' } })
    // HTTP-date rounds up to the next whole second, so the client never waits less than asked.
    expect(f.beforeApply()).toEqual({ status: 503, retryAfter: 'Wed, 25 Nov 2026 12:00:03 GMT' })
  })

  it('draws error rates from the seeded PRNG reproducibly', () => {
    const run = (seed: number): (number | null)[] => {
      const f = new FaultState({ errorRates: { '500': 0.3 } }, seededRandom(seed), now)
      return Array.from({ length: 50 }, () => f.beforeApply()?.status ?? null)
    }
    expect(run(7)).toEqual(run(7))
    const hits = run(7).filter((s) => s === 500).length
    expect(hits).toBeGreaterThan(5)
    expect(hits).toBeLessThan(30)
  })

  it('counts down after-apply faults and delays', () => {
    const f = new FaultState({ resetAfterApplyNext: 1, errorAfterApplyNext: 1, delayNext: { count: 1, ms: 50 }, latencyMs: 5 }, seededRandom(1), now)
    expect([f.afterApply(), f.afterApply(), f.afterApply()]).toEqual(['reset', 'error', null])
    expect([f.delayMs(), f.delayMs()]).toEqual([55, 5])
  })

  it('rejects an invalid patch and keeps the old settings', () => {
    const f = new FaultState({ latencyMs: 10 }, seededRandom(1), now)
    expect(() => f.update({ latencyMs: -1 })).toThrow()
    expect(() => f.update({ bogus: true })).toThrow()
    expect(f.faults.latencyMs).toBe(10)
  })
})
