import { describe, expect, it } from 'vitest'
import { KeyboardReportDecoder, type KeyboardResult, type KeyboardScan } from '../../../electron/core/scanners/keyboard-report-decoder'
import { keyboardReports, US_TYPABLE } from './hid-pos-fixtures'

function decode(reports: Uint8Array[], d = new KeyboardReportDecoder()): { scans: KeyboardScan[]; results: KeyboardResult[] } {
  const results = reports.map((r) => d.push(r))
  return { scans: results.flatMap((r) => (r.type === 'scan' ? [r.scan] : [])), results }
}

describe('KeyboardReportDecoder', () => {
  it('reads the documented single-key reports (8-byte key "8", 9-byte key "0")', () => {
    // node-hid#413: a keyboard-mode scanner on hidraw sent [0,0,37,0,0,0,0,0] for "8";
    // node-hid#228: <Buffer 02 00 00 27 …> is the 9-byte variant with report ID 2, key "0".
    const a = decode([Buffer.from([0, 0, 37, 0, 0, 0, 0, 0]), Buffer.alloc(8), Buffer.from([0, 0, 0x28, 0, 0, 0, 0, 0])])
    expect(a.scans.map((s) => s.text)).toEqual(['8'])
    const b = decode([Buffer.from([2, 0, 0, 0x27, 0, 0, 0, 0, 0]), Buffer.from([2, 0, 0, 0, 0, 0, 0, 0, 0]), Buffer.from([2, 0, 0, 0x28, 0, 0, 0, 0, 0])])
    expect(b.scans.map((s) => s.text)).toEqual(['0'])
  })

  it('keeps repeated characters: "11" and "aa" stay two characters', () => {
    expect(decode(keyboardReports('1100aab')).scans[0]?.text).toBe('1100aab')
  })

  it('does not repeat a key that is held across reports', () => {
    const held = Buffer.from([0, 0, 0x1e, 0, 0, 0, 0, 0])
    const { scans } = decode([held, held, held, Buffer.alloc(8), Buffer.from([0, 0, 0x28, 0, 0, 0, 0, 0])])
    expect(scans[0]?.text).toBe('1')
  })

  it('applies left and right shift (URLs keep : ? _ and capitals)', () => {
    const url = 'https://X.io/k?kitId=A_b-1&x=2'
    expect(decode(keyboardReports(url)).scans[0]?.text).toBe(url)
    expect(decode(keyboardReports(url, { shiftBit: 0x20 })).scans[0]?.text).toBe(url)
  })

  it('types every US character, in 8- and 9-byte framing', () => {
    expect(decode(keyboardReports(US_TYPABLE)).scans[0]?.text).toBe(US_TYPABLE)
    expect(decode(keyboardReports(US_TYPABLE, { reportId: 2 })).scans[0]?.text).toBe(US_TYPABLE)
  })

  it('ends a scan on Enter, keypad Enter or Tab', () => {
    expect(decode(keyboardReports('fff000', { end: 'tab' })).scans[0]).toMatchObject({ text: 'fff000', end: 'tab' })
    const kp = [...keyboardReports('fff000', { end: null }), Buffer.from([0, 0, 0x58, 0, 0, 0, 0, 0])]
    expect(decode(kp).scans[0]).toMatchObject({ text: 'fff000', end: 'enter' })
  })

  it('splits consecutive scans and flushes a scan without suffix', () => {
    const d = new KeyboardReportDecoder()
    const { scans } = decode([...keyboardReports('abcd'), ...keyboardReports('efgh', { end: null })], d)
    expect(scans.map((s) => s.text)).toEqual(['abcd'])
    expect(d.flush()).toMatchObject({ text: 'efgh', end: 'idle' })
    expect(d.flush()).toBeNull()
  })

  it('splits off an AIM prefix typed by the scanner', () => {
    expect(decode(keyboardReports(']Q1cbvatvi87d5i8s51aagg')).scans[0]).toMatchObject({ aim: ']Q1', text: 'cbvatvi87d5i8s51aagg' })
  })

  it('ignores ErrorRollOver reports and keeps the previous key state', () => {
    const rollover = Buffer.from([0, 0, 1, 1, 1, 1, 1, 1])
    const r = [Buffer.from([0, 0, 0x04, 0, 0, 0, 0, 0]), rollover, Buffer.from([0, 0, 0x04, 0, 0, 0, 0, 0]), Buffer.alloc(8), Buffer.from([0, 0, 0x28, 0, 0, 0, 0, 0])]
    const { scans, results } = decode(r)
    expect(results[1]).toEqual({ type: 'ignored', reason: 'rollover' })
    expect(scans[0]?.text).toBe('a')
  })

  it('emits two keys pressed in one report in slot order', () => {
    const { scans } = decode([Buffer.from([0, 0, 0x04, 0x05, 0, 0, 0, 0]), Buffer.alloc(8), Buffer.from([0, 0, 0x28, 0, 0, 0, 0, 0])])
    expect(scans[0]?.text).toBe('ab')
  })

  it('turns Ctrl+] into GS so the parser can refuse GS1 data', () => {
    const { scans } = decode([Buffer.from([0x01, 0, 0x30, 0, 0, 0, 0, 0]), Buffer.alloc(8), Buffer.from([0, 0, 0x28, 0, 0, 0, 0, 0])])
    expect(scans[0]?.text).toBe('\u001d')
  })

  it('ignores reports of other lengths and unknown keys', () => {
    const d = new KeyboardReportDecoder()
    expect(d.push(Buffer.alloc(64))).toEqual({ type: 'ignored', reason: 'bad_length' })
    const { scans } = decode([Buffer.from([0, 0, 0x3a, 0, 0, 0, 0, 0]), Buffer.alloc(8), ...keyboardReports('ok1')], d)
    expect(scans[0]?.text).toBe('ok1')
  })

  it('drops a runaway scan over the cap and recovers at the next terminator', () => {
    const d = new KeyboardReportDecoder({ maxChars: 10 })
    const { scans, results } = decode([...keyboardReports('a'.repeat(30)), ...keyboardReports('short')], d)
    expect(results.some((r) => r.type === 'dropped')).toBe(true)
    expect(scans.map((s) => s.text)).toEqual(['short'])
  })
})
