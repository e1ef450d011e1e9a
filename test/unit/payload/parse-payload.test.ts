import { describe, expect, it } from 'vitest'
import { CONTROL_BARCODES, CONTROL_PAYLOADS, MAX_PAYLOAD_LENGTH, parsePayload, type ParsedPayload } from '../../../shared/payload'

const DEV = 'cbvatvi87d5i8s51aagg'
const EMU = 'emuc909fk1qdqebrvv2jqv0'

function expectDevice(r: ParsedPayload, id: string): Extract<ParsedPayload, { kind: 'device' }> {
  if (!r.ok || r.kind !== 'device') throw new Error(`expected device, got ${JSON.stringify(r)}`)
  expect(r.id).toBe(id)
  return r
}
function expectReject(r: ParsedPayload, code: string): Extract<ParsedPayload, { ok: false }> {
  if (r.ok) throw new Error(`expected rejection ${code}, got ${JSON.stringify(r)}`)
  expect(r.code).toBe(code)
  expect(r.reason.length).toBeGreaterThan(10)
  return r
}

describe('parsePayload: bare IDs', () => {
  it('accepts a DT device ID', () => {
    const r = expectDevice(parsePayload(DEV), DEV)
    expect(r.emulated).toBe(false)
    expect(r.source).toEqual({ aim: null, via: 'bare', urlParam: null })
  })
  it('accepts an emulated device ID (emu + 20)', () => {
    expect(expectDevice(parsePayload(EMU), EMU).emulated).toBe(true)
  })
  it('lower-cases device IDs (a caps-lock keyboard wedge sends upper case)', () => {
    expectDevice(parsePayload(DEV.toUpperCase()), DEV)
    expectDevice(parsePayload('EMUC909FK1QDQEBRVV2JQV0'), EMU)
  })
  it('does not take 20 chars outside base32hex as a device', () => {
    const r = parsePayload('cbvatvi87d5i8s51aagz')
    expect(r.ok && r.kind).toBe('kit')
  })
  it.each(['fff000', 'abc-01-abc', 'work-building-flower', 'AbC-9'])('accepts kit ID %s exactly as printed', (kit) => {
    const r = parsePayload(kit)
    expect(r).toMatchObject({ ok: true, kind: 'kit', id: kit })
  })
  it.each(['abc', '-abc1', 'abc1-', 'ab_cd', 'ab cd', 'a'.repeat(65)])('refuses %s as neither device nor kit', (s) => {
    expectReject(parsePayload(s), 'unknown_format')
  })
  it('accepts kit IDs of 4 and 64 characters', () => {
    expect(parsePayload('k1k2').ok).toBe(true)
    expect(parsePayload('k'.repeat(64)).ok).toBe(true)
  })
})

describe('parsePayload: terminators and whitespace', () => {
  it.each(['\r', '\n', '\r\n', '\t', ' ', '\r\n\t '])('trims %j at both ends', (t) => {
    expectDevice(parsePayload(`${t}${DEV}${t}`), DEV)
  })
  it('refuses a line break inside the code', () => {
    expectReject(parsePayload(`${DEV}\r\n${DEV}`), 'control_chars')
  })
  it('refuses empty input and input that is only terminators', () => {
    expectReject(parsePayload(''), 'empty')
    expectReject(parsePayload('\r\n\t'), 'empty')
  })
})

describe('parsePayload: hostile characters', () => {
  it.each(['\u202e', '\u2066', '\u200f', '\u061c'])('refuses bidi control U+%s', (c) => {
    const r = expectReject(parsePayload(`abc${c}def`), 'bidi')
    expect(r.display).toMatch(/\\u\{[0-9A-F]{4}\}/)
  })
  it.each(['\u200b', '\u200d', '\u2060', '\ufeff', '\u00ad'])('refuses zero-width U+%s, even at the ends', (c) => {
    expectReject(parsePayload(`${c}${DEV}`), 'zero_width')
    expectReject(parsePayload(`${DEV}${c}`), 'zero_width')
  })
  it.each(['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b'])('refuses control character %j', (c) => {
    const r = expectReject(parsePayload(`ab${c}cd`), 'control_chars')
    expect(r.display).toMatch(/\\x[0-9a-f]{2}/)
  })
  it('refuses GS-separated GS1 element strings with their own reason', () => {
    expectReject(parsePayload('0109521234543213\u001d10ABC123'), 'gs1_data')
  })
  it('refuses look-alike (non-ASCII) letters', () => {
    expectReject(parsePayload('cbvatvi87d5i8s51aаgg'), 'non_ascii')
  })
  it('caps length and keeps the display short', () => {
    const r = expectReject(parsePayload('a'.repeat(MAX_PAYLOAD_LENGTH + 1)), 'too_long')
    expect(r.display.length).toBeLessThanOrEqual(81)
    expect(r.display.endsWith('…')).toBe(true)
    expect(parsePayload(`https://x.io/${'a'.repeat(MAX_PAYLOAD_LENGTH - 40)}/${DEV}`).ok).toBe(true)
  })
  it('escapes backslashes so the display cannot fake an escape', () => {
    const r = parsePayload('a\\u{202E}b')
    expect(r.display).toBe('a\\\\u{202E}b')
  })
  it('does not throw on non-string input from an untyped caller', () => {
    expectReject(parsePayload(42 as unknown as string), 'not_text')
  })
})

describe('parsePayload: AIM prefixes', () => {
  it.each([']Q1', ']Q0', ']d2', ']C0', ']Q3'])('strips %s and reports it', (aim) => {
    const r = expectDevice(parsePayload(`${aim}${DEV}\r`), DEV)
    expect(r.source.aim).toBe(aim)
  })
  it('takes the AIM passed separately by a HID POS decoder', () => {
    expect(expectDevice(parsePayload(DEV, { aim: ']Q1' }), DEV).source.aim).toBe(']Q1')
  })
  it('refuses an AIM with nothing after it', () => {
    expectReject(parsePayload(']Q1\r'), 'empty')
  })
  it('refuses EAN/UPC symbology and valid GTIN numbers as product barcodes', () => {
    expectReject(parsePayload(']E05901234123457'), 'product_barcode')
    expectReject(parsePayload('5901234123457'), 'product_barcode')
    expectReject(parsePayload('96385074'), 'product_barcode')
    // Same digits with a wrong check digit are not a GTIN, so they stay a (possible) kit ID.
    expect(parsePayload('5901234123458')).toMatchObject({ ok: true, kind: 'kit' })
  })
})

describe('parsePayload: URLs', () => {
  it('takes the last path segment', () => {
    const r = expectDevice(parsePayload(`https://id.example.com/d/${DEV}`), DEV)
    expect(r.source).toEqual({ aim: null, via: 'url', urlParam: null })
    expectDevice(parsePayload(`https://id.example.com/d/${DEV}/`), DEV)
  })
  it.each(['deviceId', 'DEVICEID', 'kitId', 'id', 'identifier'])('takes the ID from query parameter %s', (p) => {
    const r = parsePayload(`https://x.io/scan?${p}=abc-01-abc&other=1`)
    expect(r).toMatchObject({ ok: true, kind: 'kit', id: 'abc-01-abc', source: { via: 'url', urlParam: p } })
  })
  it('prefers deviceId over id and over the path', () => {
    const r = expectDevice(parsePayload(`https://x.io/p/fff000?id=abcd-1&deviceId=${DEV}`), DEV)
    expect(r.source.urlParam).toBe('deviceId')
  })
  it('accepts an upper-case scheme and host', () => {
    expectDevice(parsePayload(`HTTPS://X.IO/${DEV.toUpperCase()}`), DEV)
  })
  it('percent-decodes the segment before matching', () => {
    expect(parsePayload('https://x.io/abc%2D01')).toMatchObject({ ok: true, kind: 'kit', id: 'abc-01' })
    expectReject(parsePayload('https://x.io/%E2%80%AEabc'), 'unknown_format')
  })
  it('refuses URLs without an ID, other schemes and malformed URLs', () => {
    expectReject(parsePayload('https://x.io/'), 'url_without_id')
    expectReject(parsePayload('javascript://x.io/%0Aalert(1)'), 'unsupported_url')
    expectReject(parsePayload('file:///etc/passwd'), 'unsupported_url')
    expectReject(parsePayload('https://x.io/a%ZZ'), 'unknown_format')
    expectReject(parsePayload('http://[::1/abc'), 'unknown_format')
    expectReject(parsePayload('https://x.io/d/not_an_id'), 'unknown_format')
  })
})

describe('parsePayload: control barcodes', () => {
  it.each(CONTROL_BARCODES.map((c) => [c.payload, c.command] as const))('%s is command %s', (payload, command) => {
    expect(parsePayload(`${payload}\r`)).toMatchObject({ ok: true, kind: 'control', command })
    expect(parsePayload(`]Q1${payload.toLowerCase()}`)).toMatchObject({ ok: true, kind: 'control', command, source: { aim: ']Q1' } })
  })
  it('has the documented payload strings', () => {
    expect(CONTROL_PAYLOADS).toEqual({
      undo: 'DOCKCLAIM:UNDO',
      remove_next: 'DOCKCLAIM:REMOVE',
      pause: 'DOCKCLAIM:PAUSE',
      commit: 'DOCKCLAIM:COMMIT',
      cancel: 'DOCKCLAIM:CANCEL',
      ack: 'DOCKCLAIM:ACK'
    })
  })
  it('refuses an unknown word after the prefix', () => {
    expectReject(parsePayload('DOCKCLAIM:CLAIMALL'), 'unknown_control')
  })
})
