import { describe, expect, it } from 'vitest'
import { ALREADY_CLAIMED_GUIDANCE, NOT_FOUND_GUIDANCE } from '../../../shared/guidance'
import {
  DtApiError,
  errorFromResponse,
  guidanceForItemCode,
  kindForStatus,
  parseErrorBody
} from '../../../electron/core/claiming/errors'

describe('DT error mapping', () => {
  it('maps each documented status to a kind', () => {
    const table: [number, string][] = [
      [400, 'bad_request'], [401, 'unauthorized'], [403, 'forbidden'], [404, 'not_found'], [409, 'conflict'],
      [413, 'bad_request'], [429, 'rate_limited'], [500, 'unavailable'], [502, 'unavailable'], [503, 'unavailable'],
      [504, 'unavailable'], [201, 'bad_response'], [302, 'bad_response']
    ]
    for (const [status, kind] of table) expect([status, kindForStatus(status)]).toEqual([status, kind])
  })

  it('accepts code as a number (current docs) or a string (legacy docs)', () => {
    expect(parseErrorBody({ error: 'already exists', code: 409, help: 'https://docs.d21s.com/error/#409' })).toEqual({
      error: 'already exists', code: 409, help: 'https://docs.d21s.com/error/#409'
    })
    expect(parseErrorBody({ error: 'already exists', code: '409' })).toEqual({ error: 'already exists', code: '409', help: null })
  })

  it('tolerates bodies of other shapes without crashing', () => {
    expect(parseErrorBody(null)).toBeNull()
    expect(parseErrorBody('oops')).toBeNull()
    expect(parseErrorBody({ code: 500 })).toBeNull()
    expect(parseErrorBody({ message: 'x', code: { nested: 1 } })).toEqual({ error: 'x', code: null, help: null })
  })

  it('builds a typed error with status, body, Retry-After and operator guidance', () => {
    const e = errorFromResponse(404, { error: 'not found', code: 404, help: 'h' }, null)
    expect(e).toBeInstanceOf(DtApiError)
    expect(e.kind).toBe('not_found')
    expect(e.status).toBe(404)
    expect(e.body?.code).toBe(404)
    expect(e.guidance).toEqual(NOT_FOUND_GUIDANCE)
    const r = errorFromResponse(429, undefined, 4000)
    expect(r.kind).toBe('rate_limited')
    expect(r.retryAfterMs).toBe(4000)
    expect(r.body).toBeNull()
    expect(r.message).toMatch(/429/)
  })

  it('gives DT guidance per item code, and a fallback for unknown codes', () => {
    expect(guidanceForItemCode('ALREADY_CLAIMED')).toEqual(ALREADY_CLAIMED_GUIDANCE)
    expect(guidanceForItemCode('NOT_FOUND')).toEqual(NOT_FOUND_GUIDANCE)
    expect(guidanceForItemCode('SOMETHING_NEW').join(' ')).toMatch(/DT Support/)
  })
})
