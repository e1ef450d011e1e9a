import { describe, expect, it } from 'vitest'
import { isTooLarge, splitIntoChunks } from '../../../electron/core/claiming/chunking'
import { DtAmbiguousError, errorFromResponse } from '../../../electron/core/claiming/errors'

describe('splitIntoChunks', () => {
  it('keeps every item exactly once, kits first, at most size per chunk', () => {
    const kits = ['k1', 'k2', 'k3']
    const devices = Array.from({ length: 10 }, (_, i) => `d${i}`)
    const chunks = splitIntoChunks(kits, devices, 4)
    expect(chunks.map((c) => c.kitIds.length + c.deviceIds.length)).toEqual([4, 4, 4, 1])
    expect(chunks[0]).toEqual({ kitIds: ['k1', 'k2', 'k3'], deviceIds: ['d0'] })
    expect(chunks.flatMap((c) => [...c.kitIds, ...c.deviceIds])).toEqual([...kits, ...devices])
  })
  it('rejects a bad size', () => {
    expect(() => splitIntoChunks([], ['a'], 0)).toThrow(/positive integer/)
    expect(() => splitIntoChunks([], ['a'], 1.5)).toThrow(/positive integer/)
  })
})

describe('isTooLarge', () => {
  it('recognises a 400/413 whose message says too many / too large', () => {
    expect(isTooLarge(errorFromResponse(400, { error: 'too many items in claim request: 9 given, at most 4 allowed', code: 400 }, null))).toBe(true)
    expect(isTooLarge(errorFromResponse(413, { error: 'Request too large', code: '413' }, null))).toBe(true)
  })
  it('does not mistake other failures for it', () => {
    expect(isTooLarge(errorFromResponse(400, { error: 'dryRun must be given', code: 400 }, null))).toBe(false)
    expect(isTooLarge(errorFromResponse(500, { error: 'too many things broke', code: 500 }, null))).toBe(false)
    expect(isTooLarge(new DtAmbiguousError({ projectId: 'p', kitIds: [], deviceIds: [], status: 400, message: 'too many' }))).toBe(false)
  })
})
