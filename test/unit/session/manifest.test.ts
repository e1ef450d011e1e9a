import { describe, expect, it } from 'vitest'
import { compareManifest, parseManifest } from '../../../electron/core/session/manifest'

describe('parseManifest', () => {
  it('reads plain text, one kit ID per line, skipping blanks and comments', () => {
    expect(parseManifest('# shipment 42\nkit-a1\n\n  kit-b2  \n')).toEqual([
      { kitId: 'kit-a1', expectedDevices: null },
      { kitId: 'kit-b2', expectedDevices: null }
    ])
  })

  it('reads CSV with a header in any column order', () => {
    expect(parseManifest('qty;kit_id\n25;kit-a1\n100;kit-b2\n')).toEqual([
      { kitId: 'kit-a1', expectedDevices: 25 },
      { kitId: 'kit-b2', expectedDevices: 100 }
    ])
  })

  it('reads headerless CSV (kit, count) and QR payload URLs', () => {
    expect(parseManifest('kit-a1,25\nhttps://dt.example/k?kitId=kit-b2,\n')).toEqual([
      { kitId: 'kit-a1', expectedDevices: 25 },
      { kitId: 'kit-b2', expectedDevices: null }
    ])
  })

  it('refuses bad lines with their line number, duplicates and empty manifests', () => {
    expect(() => parseManifest('kit-a1\n<img src=x>\n')).toThrow(/line 2/)
    expect(() => parseManifest('kit-a1,many\n')).toThrow(/whole number/)
    expect(() => parseManifest('kit-a1\nkit-a1\n')).toThrow(/twice/)
    expect(() => parseManifest('\n# nothing\n')).toThrow(/no kit IDs/)
    expect(() => parseManifest('DOCKCLAIM:UNDO\n')).toThrow(/control barcode/)
  })
})

describe('compareManifest', () => {
  it('reports expected / scanned / missing / extra / count mismatch; pending lookups never mismatch', () => {
    const entries = parseManifest('kit-a1,25\nkit-b2,100\nkit-c3,25\n')
    const scanned = new Map<string, number | null>([
      ['kit-a1', 25],
      ['kit-b2', 99],
      ['kit-x9', 25],
      ['kit-c3', null]
    ])
    expect(compareManifest(entries, scanned)).toEqual({
      expected: 3,
      scanned: 3,
      missing: [],
      extra: ['kit-x9'],
      countMismatch: [{ kitId: 'kit-b2', expected: 100, actual: 99 }]
    })
    expect(compareManifest(entries, new Map()).missing.map((m) => m.kitId)).toEqual(['kit-a1', 'kit-b2', 'kit-c3'])
  })
})
