import { describe, expect, it } from 'vitest'
import { deterministicDtId, isDeviceId, isDtId } from '../../../electron/core/claiming/ids'

describe('DT IDs', () => {
  it('accepts the real examples from dt-api.md and rejects look-alikes', () => {
    for (const id of ['cbvatvi87d5i8s51aagg', 'cbvb8pi87d5iup9au4n0', 'c0pppd1qdqebrvv1iqp0', 'btov79dpna500081h9o0']) expect(isDtId(id)).toBe(true)
    expect(isDeviceId('emuc909fk1qdqebrvv2jqv0')).toBe(true)
    expect(isDtId('emuc909fk1qdqebrvv2jqv0')).toBe(false)
    for (const bad of ['CBVATVI87D5I8S51AAGG', 'cbvatvi87d5i8s51aag1', 'cbvatvi87d5i8s51aag', 'cbvatvi87d5i8s51aagw', '']) expect(isDtId(bad)).toBe(false)
  })

  it('generates stable, well-formed, distinct IDs', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => deterministicDtId('t', i))
    expect(ids.every(isDtId)).toBe(true)
    expect(new Set(ids).size).toBe(5000)
    expect(deterministicDtId('t', 42)).toBe(ids[42])
    expect(deterministicDtId('u', 42)).not.toBe(ids[42])
  })
})
