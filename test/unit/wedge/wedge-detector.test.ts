import { describe, expect, it } from 'vitest'
import { WedgeDetector, type WedgeKey, type WedgeStep } from '../../../renderer/src/wedge/wedge-detector'

/** Keydown events as a scanner (or person) produces them: Shift before capitals, as browsers report. */
function keys(text: string, opts: { start?: number; gap?: number; end?: 'Enter' | 'Tab' | null; endGap?: number } = {}): WedgeKey[] {
  const gap = opts.gap ?? 8
  let t = opts.start ?? 1000
  const out: WedgeKey[] = []
  for (const ch of text) {
    if (/[A-Z:?_!"]/.test(ch)) out.push({ key: 'Shift', timeStamp: t - 1 })
    out.push({ key: ch, timeStamp: t })
    t += gap
  }
  const end = opts.end === undefined ? 'Enter' : opts.end
  if (end) out.push({ key: end, timeStamp: t - gap + (opts.endGap ?? gap) })
  return out
}
const run = (d: WedgeDetector, ks: WedgeKey[]): WedgeStep[] => ks.map((k) => d.feed(k))
const scansOf = (steps: WedgeStep[]) => steps.flatMap((s) => (s.scan ? [s.scan] : []))

describe('WedgeDetector: scans vs typing', () => {
  it('detects a fast burst ending in Enter and consumes everything but the first key', () => {
    const d = new WedgeDetector()
    const steps = run(d, keys('cbvatvi87d5i8s51aagg'))
    expect(scansOf(steps)).toMatchObject([{ text: 'cbvatvi87d5i8s51aagg', aim: null, end: 'enter', keys: 20 }])
    expect(steps[0]?.consume).toBe(false)
    expect(steps.slice(1).every((s) => s.consume)).toBe(true)
    expect(steps[steps.length - 1]).toMatchObject({ consume: true })
  })

  it('keeps URL punctuation and capitals (event.key based)', () => {
    const url = 'https://X.io/k?kitId=A_b-1&x=2'
    expect(scansOf(run(new WedgeDetector(), keys(url)))[0]?.text).toBe(url)
  })

  it('lets slow typing through untouched, including its Enter', () => {
    const steps = run(new WedgeDetector(), keys('fff000', { gap: 120 }))
    expect(scansOf(steps)).toEqual([])
    expect(steps.every((s) => !s.consume)).toBe(true)
  })

  it('lets a lone key followed quickly by Enter through (a person pressing a button)', () => {
    const steps = run(new WedgeDetector(), keys('a', { gap: 10 }))
    expect(steps.every((s) => !s.consume)).toBe(true)
  })

  it('consumes the Enter of a fast burst that is too short, and reports it', () => {
    const steps = run(new WedgeDetector({ minLength: 6 }), keys('abc'))
    expect(steps[steps.length - 1]).toMatchObject({ consume: true, rejected: { reason: 'too_short', text: 'abc' } })
    expect(scansOf(steps)).toEqual([])
  })

  it('respects a configured max gap', () => {
    expect(scansOf(run(new WedgeDetector({ maxGapMs: 20 }), keys('fff000', { gap: 30 })))).toEqual([])
    expect(scansOf(run(new WedgeDetector({ maxGapMs: 40 }), keys('fff000', { gap: 30 })))).toHaveLength(1)
  })

  it('ends on Tab as well as Enter', () => {
    expect(scansOf(run(new WedgeDetector(), keys('fff000', { end: 'Tab' })))).toMatchObject([{ text: 'fff000', end: 'tab' }])
  })

  it('strips an AIM prefix', () => {
    expect(scansOf(run(new WedgeDetector(), keys(']Q1cbvatvi87d5i8s51aagg')))).toMatchObject([{ aim: ']Q1', text: 'cbvatvi87d5i8s51aagg' }])
  })

  it('reads repeated characters and two scans back to back', () => {
    const d = new WedgeDetector()
    const steps = run(d, [...keys('1100aabb'), ...keys('ZZ-00-zz', { start: 3000 })])
    expect(scansOf(steps).map((s) => s.text)).toEqual(['1100aabb', 'ZZ-00-zz'])
  })

  it('ends a suffix-less scan on silence (flush) or when the next key comes late', () => {
    const d = new WedgeDetector()
    run(d, keys('fff000', { end: null }))
    expect(d.flush(1000 + 5 * 8 + 10)).toBeNull() // still within the gap
    expect(d.flush(1000 + 5 * 8 + 60)).toMatchObject({ text: 'fff000', end: 'timeout' })
    const d2 = new WedgeDetector()
    const steps = run(d2, [...keys('fff000', { end: null }), { key: 'x', timeStamp: 5000 }])
    expect(scansOf(steps)).toMatchObject([{ text: 'fff000', end: 'timeout' }])
  })

  it('consumes a late suffix and the LF of CR LF after a scan', () => {
    const d = new WedgeDetector()
    const steps = run(d, keys('fff000', { endGap: 150 }))
    expect(scansOf(steps)).toMatchObject([{ text: 'fff000', end: 'timeout' }])
    expect(steps[steps.length - 1]?.consume).toBe(true)
    const d2 = new WedgeDetector()
    const s2 = run(d2, [...keys('fff000'), { key: 'Enter', timeStamp: 1000 + 6 * 8 + 5 }])
    expect(s2[s2.length - 1]?.consume).toBe(true)
    // …but a person's Enter well after the scan passes.
    expect(d2.feed({ key: 'Enter', timeStamp: 9000 }).consume).toBe(false)
  })

  it('breaks a burst on navigation keys, held keys and shortcuts', () => {
    for (const breaker of [{ key: 'ArrowDown' }, { key: 'Backspace' }, { key: 'a', repeat: true }, { key: 'v', ctrlKey: true }, { key: 'Dead' }]) {
      const d = new WedgeDetector()
      const ks = keys('fff000', { end: null })
      const steps = run(d, [...ks.slice(0, 3), { ...breaker, timeStamp: 1017 }, ...ks.slice(3).map((k) => ({ ...k, timeStamp: k.timeStamp + 2 })), { key: 'Enter', timeStamp: 1060 }])
      expect(scansOf(steps)).toEqual([])
      expect(steps[3]?.consume).toBe(false)
    }
  })

  it('drops a runaway burst over the length cap and consumes its Enter', () => {
    const steps = run(new WedgeDetector({ maxLength: 10 }), keys('x'.repeat(30), { gap: 2 }))
    expect(scansOf(steps)).toEqual([])
    expect(steps[steps.length - 1]).toMatchObject({ consume: true, rejected: { reason: 'too_long' } })
  })
})

describe('WedgeDetector options', () => {
  it('falls back to defaults for undefined or invalid settings', () => {
    const d = new WedgeDetector({ maxGapMs: undefined, minLength: Number.NaN, maxLength: -1 })
    expect(d.options).toEqual({ maxGapMs: 50, minLength: 4, maxLength: 512, suffixGraceMs: 300 })
  })
})
