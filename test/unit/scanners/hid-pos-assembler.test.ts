import { describe, expect, it } from 'vitest'
import { HidPosAssembler, type AssembleResult, type HidPosScan } from '../../../electron/core/scanners/hid-pos-assembler'
import { hidPosReports, loadHoneywellCapture } from './hid-pos-fixtures'

const capture = loadHoneywellCapture()
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

function feedAll(a: HidPosAssembler, reports: Uint8Array[], t0 = 0, gap = 8): AssembleResult[] {
  return reports.map((r, i) => a.push(r, t0 + i * gap))
}
function scans(results: AssembleResult[]): HidPosScan[] {
  return results.flatMap((r) => (r.type === 'scan' ? [r.scan] : []))
}

describe('HidPosAssembler on the recorded Honeywell Voyager 1602g capture', () => {
  it('decodes the byte-exact capture into the two expected texts', () => {
    const reports = capture.reports.map((h) => Buffer.from(h, 'hex'))
    expect(reports.every((r) => r.length === 64)).toBe(true)
    const out = scans(feedAll(new HidPosAssembler(), reports))
    expect(out.map((s) => ({ aim: s.aim, text: s.text }))).toEqual(capture.expected)
    expect(out[0]?.reports).toBe(6)
    expect(out[0]?.codeId).toBe('?')
    expect(out[1]?.codeId).toBe('6')
    expect(out[0]?.rawHex.split(' ')).toEqual(capture.reports.slice(0, 6))
  })

  it('reports partial until the report without the continued bit', () => {
    const results = feedAll(new HidPosAssembler(), capture.reports.slice(0, 6).map((h) => Buffer.from(h, 'hex')))
    expect(results.map((r) => r.type)).toEqual(['partial', 'partial', 'partial', 'partial', 'partial', 'scan'])
  })
})

describe('hidPosReports generator, checked against the capture first', () => {
  it('rebuilds the six REVINF reports byte for byte', () => {
    const first = capture.expected[0]
    if (!first) throw new Error('capture lacks expected[0]')
    const gen = hidPosReports(first.text, { aim: first.aim, codeId: 0x3f })
    expect(gen.map(hex)).toEqual(capture.reports.slice(0, 6))
  })
  it('rebuilds the menu reply report byte for byte', () => {
    const second = capture.expected[1]
    if (!second) throw new Error('capture lacks expected[1]')
    expect(hidPosReports(Buffer.from(second.text, 'latin1'), { aim: second.aim, codeId: 0x36 }).map(hex)).toEqual([capture.reports[6]])
  })
})

const URL_QR = 'https://id.example.com/claim/kit?kitId=abc-01-abc&station=dock-4&po=4500012345&note=' + 'x'.repeat(90)

describe('HidPosAssembler layouts', () => {
  it.each([
    ['64-byte, AIM at offset 0', { size: 64, aimOffset: 0 }],
    ['62-byte, AIM at offset 0', { size: 62, aimOffset: 0 }],
    ['64-byte, AIM at offset 1', { size: 64, aimOffset: 1 }],
    ['62-byte, AIM at offset 1', { size: 62, aimOffset: 1 }]
  ] as const)('%s: single and multi-report codes', (_name, layout) => {
    for (const text of ['cbvatvi87d5i8s51aagg', URL_QR, 'x'.repeat(56), 'y'.repeat(57), 'é-ü-日本']) {
      const reports = hidPosReports(text, layout)
      const out = scans(feedAll(new HidPosAssembler(), reports))
      expect(out).toHaveLength(1)
      expect(out[0]?.text).toBe(text)
      expect(out[0]?.aim).toBe(']Q1')
      expect(out[0]?.reports).toBe(reports.length)
    }
    expect(hidPosReports(URL_QR, layout).length).toBeGreaterThan(2)
  })

  it('gives the Honeywell code id only in the 64-byte layout', () => {
    expect(scans(feedAll(new HidPosAssembler(), hidPosReports('abc', { size: 64 })))[0]?.codeId).toBe('s')
    expect(scans(feedAll(new HidPosAssembler(), hidPosReports('abc', { size: 62 })))[0]?.codeId).toBeNull()
  })

  it('decodes non-UTF-8 bytes as Latin-1', () => {
    const out = scans(feedAll(new HidPosAssembler(), hidPosReports(new Uint8Array([0x41, 0xe9, 0x42]))))
    expect(out[0]).toMatchObject({ text: 'AéB', encoding: 'latin1' })
  })

  it('ignores reports that are not scans', () => {
    const a = new HidPosAssembler()
    expect(a.push(Buffer.from([0x04, 0x20]), 0)).toEqual({ type: 'ignored', reason: 'not_scan_report' })
    expect(a.push(Buffer.from([0x02, 0x01, 0x5d]), 0)).toEqual({ type: 'ignored', reason: 'too_short' })
    expect(a.push(Buffer.alloc(64, 0).fill(2, 0, 1), 0)).toEqual({ type: 'ignored', reason: 'no_aim' })
  })

  it('clamps a lying length byte to the report', () => {
    const r = hidPosReports('abc')[0] as Buffer
    r[1] = 0xff
    const out = new HidPosAssembler().push(r, 0)
    expect(out.type === 'scan' && out.scan.bytes.length).toBe(56)
  })
})

describe('HidPosAssembler resets', () => {
  it('drops a partial scan when a scan with another AIM starts', () => {
    const a = new HidPosAssembler()
    const head = hidPosReports('z'.repeat(100), { aim: ']Q1' })[0] as Buffer
    a.push(head, 0)
    expect(a.pending).toBe(true)
    const out = scans(feedAll(a, hidPosReports('fff000', { aim: ']d2' }), 5))
    expect(out.map((s) => s.text)).toEqual(['fff000'])
  })
  it('drops a partial scan after the idle timeout (lost last report)', () => {
    const a = new HidPosAssembler({ idleResetMs: 500 })
    a.push(hidPosReports('z'.repeat(100))[0] as Buffer, 0)
    const out = scans(feedAll(a, hidPosReports('cbvatvi87d5i8s51aagg'), 501))
    expect(out.map((s) => s.text)).toEqual(['cbvatvi87d5i8s51aagg'])
  })
  it('keeps a slow multi-report scan together within the idle timeout', () => {
    const out = scans(feedAll(new HidPosAssembler({ idleResetMs: 500 }), hidPosReports(URL_QR), 0, 400))
    expect(out.map((s) => s.text)).toEqual([URL_QR])
  })
  it('drops an oversized scan entirely, then reads the next one', () => {
    const a = new HidPosAssembler({ maxBytes: 100 })
    const big = hidPosReports('q'.repeat(300))
    const results = feedAll(a, [...big, ...hidPosReports('fff000')])
    expect(scans(results).map((s) => s.text)).toEqual(['fff000'])
    // 300 bytes over six reports pass the 100-byte cap in the second: one 'dropped' for the scan
    // (one error beep), the rest of its reports are swallowed quietly.
    const types = results.slice(0, big.length).map((r) => (r.type === 'ignored' ? r.reason : r.type))
    expect(big.length).toBeGreaterThan(3)
    expect(types).toEqual(['partial', 'dropped', ...Array<string>(big.length - 2).fill('rest_of_dropped_scan')])
  })
  it('reports each oversized scan once, back to back', () => {
    const a = new HidPosAssembler({ maxBytes: 100 })
    const results = feedAll(a, [...hidPosReports('q'.repeat(300)), ...hidPosReports('r'.repeat(300))])
    expect(results.filter((r) => r.type === 'dropped')).toHaveLength(2)
  })
})
