import { describe, expect, it } from 'vitest'
import { decodePayloadBytes, escapeForDisplay } from '../../../shared/payload'

describe('decodePayloadBytes', () => {
  it('reads valid UTF-8 as UTF-8', () => {
    expect(decodePayloadBytes(new Uint8Array([0x63, 0xc3, 0xa9]))).toEqual({ text: 'cé', encoding: 'utf-8' })
  })
  it('falls back to Latin-1 byte for byte, keeping C1 bytes visible (not windows-1252)', () => {
    const d = decodePayloadBytes(new Uint8Array([0x41, 0xe9, 0x41, 0x80, 0x9d]))
    expect(d).toEqual({ text: 'A\u00e9A\u0080\u009d', encoding: 'latin1' })
  })
  it('keeps a UTF-8 BOM so the parser can refuse it', () => {
    expect(decodePayloadBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).text).toBe('\ufeffA')
  })
})

describe('escapeForDisplay', () => {
  it('escapes control, bidi, astral and lone surrogate characters', () => {
    expect(escapeForDisplay('a\r\n\t\u0001\u202e😀\ud800')).toBe('a\\r\\n\\t\\x01\\u{202E}\\u{1F600}\\u{D800}')
  })
  it('cuts at the cap without splitting an escape', () => {
    const out = escapeForDisplay('\u202e'.repeat(20), 20)
    expect(out).toBe('\\u{202E}\\u{202E}…')
  })
})
