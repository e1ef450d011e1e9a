import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DT_ID_PATTERN as CORE_DT_ID_PATTERN, deterministicDtId } from '../../../electron/core/claiming/ids'
import { DEVICE_ID_PATTERN, DT_ID_PATTERN, EMULATED_DEVICE_ID_PATTERN, parsePayload } from '../../../shared/payload'

const base32hex = fc.constantFrom(...'0123456789abcdefghijklmnopqrstuv'.split(''))

describe('DT ID patterns (shared/payload/ids.ts)', () => {
  it('core re-exports the shared patterns rather than defining its own', () => {
    expect(CORE_DT_ID_PATTERN).toBe(DT_ID_PATTERN)
  })

  it('the parser does not enforce the inferred 0/g last character; the strict seed pattern does', () => {
    const oddEnding = 'cbvatvi87d5i8s51aag1'
    expect(DT_ID_PATTERN.test(oddEnding)).toBe(false)
    const r = parsePayload(oddEnding)
    expect(r.ok && r.kind === 'device' ? r.id : null).toBe(oddEnding)
    expect(EMULATED_DEVICE_ID_PATTERN.test(`emu${oddEnding}`)).toBe(false)
    expect(DEVICE_ID_PATTERN.test(`emu${oddEnding}`)).toBe(true)
  })

  it('every strict ID (plain or emulated) is also a device ID the parser accepts', () => {
    fc.assert(
      fc.property(fc.array(base32hex, { minLength: 19, maxLength: 19 }), fc.constantFrom('0', 'g'), fc.boolean(), (body, last, emu) => {
        const id = `${emu ? 'emu' : ''}${body.join('')}${last}`
        expect((emu ? EMULATED_DEVICE_ID_PATTERN : DT_ID_PATTERN).test(id)).toBe(true)
        expect(DEVICE_ID_PATTERN.test(id)).toBe(true)
      })
    )
    expect(DEVICE_ID_PATTERN.test(deterministicDtId('x', 1))).toBe(true)
  })
})
