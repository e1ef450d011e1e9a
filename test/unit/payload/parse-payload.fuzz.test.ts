import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CONTROL_BARCODES,
  DEVICE_ID_PATTERN,
  DISPLAY_MAX_CHARS,
  KIT_ID_PATTERN,
  decodePayloadBytes,
  parsePayload
} from '../../../shared/payload'

// Property-based fuzzing. The seed is printed so any failure can be replayed with FUZZ_SEED=<n>.
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const numRuns = Number(process.env.FUZZ_RUNS ?? 10_000)
console.log(`[fuzz] parse-payload seed=${seed} numRuns=${numRuns}`)

const base32hex = fc.constantFrom(...'0123456789abcdefghijklmnopqrstuv'.split(''))
const deviceId = fc.tuple(fc.boolean(), fc.string({ unit: base32hex, minLength: 20, maxLength: 20 })).map(([emu, s]) => (emu ? `emu${s}` : s))
const nasty = fc.constantFrom('\r', '\n', '\t', ' ', '\u0000', '\u001d', '\u007f', '\u0085', '\u202e', '\u2067', '\u200b', '\ufeff', ']', 'Q', '1', ':', '/', '?', '=', '%', '-', 'é', 'а', '\ud800', '😀')
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.oneof(nasty, base32hex), maxLength: 40 }),
  fc.tuple(fc.constantFrom('', ']Q1', 'https://x.io/', 'DOCKCLAIM:', 'https://x.io/?id='), fc.string({ unit: fc.oneof(nasty, base32hex), maxLength: 30 })).map(([a, b]) => a + b),
  fc.webUrl({ withQueryParameters: true, withFragments: true })
)
const printableOnly = /^[\u0020-\u007e]*…?$/

function checkInvariants(input: string): void {
  const r = parsePayload(input)
  expect(r.display.length).toBeLessThanOrEqual(DISPLAY_MAX_CHARS + 1)
  expect(r.display).toMatch(printableOnly)
  if (!r.ok) {
    expect(r.code).toMatch(/^[a-z0-9_]+$/)
    expect(r.reason.trim().length).toBeGreaterThan(10)
    return
  }
  if (r.kind === 'device') expect(r.id).toMatch(DEVICE_ID_PATTERN)
  else if (r.kind === 'kit') {
    expect(r.id).toMatch(KIT_ID_PATTERN)
    expect(r.id).not.toMatch(DEVICE_ID_PATTERN)
  } else expect(CONTROL_BARCODES.some((c) => c.command === r.command)).toBe(true)
}

describe('parsePayload under fuzzing', () => {
  it(`never throws; accepted payloads match the ID rules; rejections carry a reason (${numRuns} runs)`, () => {
    fc.assert(fc.property(hostileText, (s) => checkInvariants(s)), { seed, numRuns })
  })

  it(`finds a device ID wrapped in AIM, URL, case changes and terminators (${numRuns} runs)`, () => {
    const wrapped = fc.record({
      id: deviceId,
      aim: fc.constantFrom('', ']Q1', ']Q0', ']d1'),
      url: fc.constantFrom(null, 'https://x.io/d/', 'https://x.io/scan?deviceId=', 'HTTP://X.IO/a/b/'),
      upper: fc.boolean(),
      end: fc.constantFrom('', '\r', '\r\n', '\t', '\n')
    })
    fc.assert(
      fc.property(wrapped, ({ id, aim, url, upper, end }) => {
        const core = upper ? id.toUpperCase() : id
        const r = parsePayload(`${aim}${url ?? ''}${core}${end}`)
        expect(r).toMatchObject({ ok: true, kind: 'device', id })
      }),
      { seed, numRuns }
    )
  })

  it(`decodes any bytes without throwing and round-trips valid UTF-8 (${numRuns} runs)`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 50 }), (bytes, text) => {
        const d = decodePayloadBytes(bytes)
        if (d.encoding === 'latin1') expect(d.text.length).toBe(bytes.length)
        checkInvariants(d.text)
        expect(decodePayloadBytes(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' })
      }),
      { seed, numRuns }
    )
  })
})
