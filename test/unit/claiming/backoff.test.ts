import { describe, expect, it } from 'vitest'
import { DEFAULT_BACKOFF, fullJitterDelay, parseRetryAfter, retryDelay } from '../../../electron/core/claiming/backoff'

describe('fullJitterDelay', () => {
  it('draws from [0, min(cap, base·2^n))', () => {
    const o = { baseMs: 100, capMs: 1000 }
    expect(fullJitterDelay(0, o, () => 0)).toBe(0)
    expect(fullJitterDelay(0, o, () => 0.999)).toBe(99)
    expect(fullJitterDelay(3, o, () => 0.5)).toBe(400)
    expect(fullJitterDelay(10, o, () => 0.999)).toBe(999) // capped
  })

  it('spreads delays over the whole range (jitter, not a constant)', () => {
    let seed = 7
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647)
    const delays = Array.from({ length: 500 }, () => fullJitterDelay(4, { baseMs: 100, capMs: 10_000 }, random))
    expect(Math.min(...delays)).toBeLessThan(200)
    expect(Math.max(...delays)).toBeGreaterThan(1400)
    expect(new Set(delays).size).toBeGreaterThan(100)
  })
})

describe('retryDelay', () => {
  const o = { ...DEFAULT_BACKOFF, baseMs: 100, capMs: 1000, minServerErrorMs: 1000, minGatewayTimeoutMs: 10_000, maxRetryAfterMs: 60_000 }
  it('applies DT minimums: 1 s after 5xx, 10 s after 504, none after a timeout', () => {
    expect(retryDelay(0, 500, null, o, () => 0)).toBe(1000)
    expect(retryDelay(0, 503, null, o, () => 0)).toBe(1000)
    expect(retryDelay(0, 504, null, o, () => 0)).toBe(10_000)
    expect(retryDelay(0, null, null, o, () => 0)).toBe(0)
  })
  it('honours Retry-After as a floor and clamps it', () => {
    expect(retryDelay(0, 429, 4000, o, () => 0.5)).toBe(4000)
    expect(retryDelay(5, 429, 10, o, () => 0.5)).toBe(500) // never below the computed backoff
    expect(retryDelay(0, 429, 3_600_000, o, () => 0)).toBe(60_000)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T12:00:00Z')
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('4', now)).toBe(4000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
  })
  it('reads an HTTP-date, relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:07 GMT', now)).toBe(7000)
    expect(parseRetryAfter('Wed, 25 Nov 2026 11:59:00 GMT', now)).toBe(0)
  })
  it('returns null for missing or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeNull()
    expect(parseRetryAfter('', now)).toBeNull()
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter('1.5', now)).toBeNull()
    expect(parseRetryAfter('-3', now)).toBeNull()
  })
})
