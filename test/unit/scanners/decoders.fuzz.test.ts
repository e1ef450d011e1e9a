import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEVICE_ID_PATTERN, KIT_ID_PATTERN, parsePayload } from '../../../shared/payload'
import { HidPosAssembler } from '../../../electron/core/scanners/hid-pos-assembler'
import { KeyboardReportDecoder } from '../../../electron/core/scanners/keyboard-report-decoder'
import { hidPosReports, keyboardReports, US_TYPABLE } from './hid-pos-fixtures'

// Property-based fuzzing of the pure decoders. Replay a failure with FUZZ_SEED=<seed>.
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const numRuns = Number(process.env.FUZZ_RUNS ?? 10_000)
console.log(`[fuzz] decoders seed=${seed} numRuns=${numRuns}`)

// Reports that look enough like HID POS to get past the first checks most of the time.
const posLike = fc.tuple(fc.uint8Array({ minLength: 0, maxLength: 70 }), fc.constantFrom(0, 1, 2), fc.boolean()).map(([b, mode, aim]) => {
  const r = Uint8Array.from(b)
  if (mode > 0 && r.length > 0) r[0] = 2
  if (aim && r.length > 4) r[2 + (mode === 2 ? 1 : 0)] = 0x5d
  return r
})

function checkParsed(text: string, aim: string | null): void {
  const p = parsePayload(text, { aim })
  if (!p.ok) expect(p.reason.length).toBeGreaterThan(10)
  else if (p.kind === 'device') expect(p.id).toMatch(DEVICE_ID_PATTERN)
  else if (p.kind === 'kit') expect(p.id).toMatch(KIT_ID_PATTERN)
}

describe('decoders under fuzzing', () => {
  it(`HidPosAssembler never throws on arbitrary report streams; scans stay bounded (${numRuns} runs)`, () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(posLike, fc.nat(2000)), { maxLength: 30 }), (stream) => {
        const a = new HidPosAssembler({ maxBytes: 512 })
        let t = 0
        for (const [report, gap] of stream) {
          t += gap
          const r = a.push(report, t)
          if (r.type === 'scan') {
            expect(r.scan.aim).toMatch(/^\]/)
            expect(r.scan.aim).toHaveLength(3)
            expect(r.scan.bytes.length).toBeLessThanOrEqual(512)
            checkParsed(r.scan.text, r.scan.aim)
          }
        }
      }),
      { seed, numRuns }
    )
  })

  it(`HidPosAssembler returns any payload byte-exact in every layout (${numRuns} runs)`, () => {
    const layout = fc.record({ size: fc.constantFrom(64 as const, 62 as const), aimOffset: fc.constantFrom(0 as const, 1 as const) })
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), layout, (bytes, l) => {
        const a = new HidPosAssembler()
        const results = hidPosReports(bytes, l).map((r, i) => a.push(r, i * 5))
        const scans = results.flatMap((r) => (r.type === 'scan' ? [r.scan] : []))
        expect(scans).toHaveLength(1)
        expect([...(scans[0]?.bytes ?? [])]).toEqual([...bytes])
        expect(results.slice(0, -1).every((r) => r.type === 'partial')).toBe(true)
      }),
      { seed, numRuns }
    )
  })

  it(`KeyboardReportDecoder never throws on arbitrary reports; text stays bounded (${numRuns} runs)`, () => {
    const kbLike = fc.oneof(
      fc.uint8Array({ minLength: 8, maxLength: 9 }),
      fc.tuple(fc.constantFrom(0, 2, 0x20, 0x22, 1), fc.array(fc.integer({ min: 0, max: 0x65 }), { minLength: 6, maxLength: 6 })).map(([m, k]) => Uint8Array.from([m, 0, ...k])),
      fc.uint8Array({ maxLength: 12 })
    )
    fc.assert(
      fc.property(fc.array(kbLike, { maxLength: 60 }), (reports) => {
        const d = new KeyboardReportDecoder({ maxChars: 40 })
        for (const r of reports) {
          const out = d.push(r)
          if (out.type === 'scan') {
            expect(out.scan.text.length).toBeLessThanOrEqual(40)
            checkParsed(out.scan.text, out.scan.aim)
          }
        }
        const last = d.flush()
        if (last) expect(last.text.length).toBeLessThanOrEqual(40)
      }),
      { seed, numRuns }
    )
  })

  it(`KeyboardReportDecoder returns any US-typable text exactly (${numRuns} runs)`, () => {
    const text = fc.string({ unit: fc.constantFrom(...US_TYPABLE.split('')), minLength: 1, maxLength: 80 }).filter((s) => !/^\][A-Za-z][0-9A-Za-z]/.test(s))
    fc.assert(
      fc.property(text, fc.constantFrom(undefined, 2), fc.constantFrom('enter' as const, 'tab' as const), (s, reportId, end) => {
        const d = new KeyboardReportDecoder()
        const scans = keyboardReports(s, { reportId, end }).flatMap((r) => {
          const out = d.push(r)
          return out.type === 'scan' ? [out.scan] : []
        })
        expect(scans.map((x) => x.text)).toEqual([s])
      }),
      { seed, numRuns }
    )
  })
})
