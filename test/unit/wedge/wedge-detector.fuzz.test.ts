import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WedgeDetector, type WedgeKey } from '../../../renderer/src/wedge/wedge-detector'

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const numRuns = Number(process.env.FUZZ_RUNS ?? 10_000)
console.log(`[fuzz] wedge-detector seed=${seed} numRuns=${numRuns}`)

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 4, maxLength: 120 })

describe('WedgeDetector under fuzzing', () => {
  it(`returns every fast burst exactly and never lets its Enter through (${numRuns} runs)`, () => {
    fc.assert(
      fc.property(printable.filter((s) => !/^\][A-Za-z][0-9A-Za-z]/.test(s)), fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 121, maxLength: 121 }), (text, gaps) => {
        const d = new WedgeDetector({ maxGapMs: 50, minLength: 4 })
        let t = 10_000
        const steps = [...text, 'Enter'].map((key, i) => {
          t += gaps[i] ?? 0
          return d.feed({ key, timeStamp: t })
        })
        expect(steps.flatMap((s) => (s.scan ? [s.scan.text] : []))).toEqual([text])
        expect(steps.slice(1).every((s) => s.consume)).toBe(true)
      }),
      { seed, numRuns }
    )
  })

  it(`never treats slow typing as a scan nor swallows its keys (${numRuns} runs)`, () => {
    fc.assert(
      fc.property(printable, fc.array(fc.integer({ min: 51, max: 400 }), { minLength: 121, maxLength: 121 }), (text, gaps) => {
        const d = new WedgeDetector({ maxGapMs: 50, minLength: 4, suffixGraceMs: 300 })
        let t = 10_000
        const steps = [...text, 'Enter'].map((key, i) => {
          t += gaps[i] ?? 0
          return d.feed({ key, timeStamp: t })
        })
        expect(steps.some((s) => s.scan || s.consume)).toBe(false)
      }),
      { seed, numRuns }
    )
  })

  it(`never throws on arbitrary key streams and keeps scans within bounds (${numRuns} runs)`, () => {
    const key = fc.record({
      key: fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom('Enter', 'Tab', 'Shift', 'Backspace', 'ArrowUp', 'Dead', 'Process', 'F8')),
      gap: fc.integer({ min: -5, max: 200 }),
      repeat: fc.boolean(),
      ctrlKey: fc.boolean()
    })
    fc.assert(
      fc.property(fc.array(key, { maxLength: 80 }), (ks) => {
        const d = new WedgeDetector({ maxLength: 30 })
        let t = 0
        for (const k of ks) {
          t += k.gap
          const ev: WedgeKey = { key: k.key, timeStamp: t, repeat: k.repeat && k.gap % 7 === 0, ctrlKey: k.ctrlKey && k.gap % 5 === 0 }
          const s = d.feed(ev)
          if (s.scan) expect(s.scan.text.length + (s.scan.aim?.length ?? 0)).toBeLessThanOrEqual(30)
        }
        d.flush(t + 1000)
      }),
      { seed, numRuns }
    )
  })
})
