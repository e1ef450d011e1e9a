import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createAssertion } from '../../../electron/core/claiming/jwt'
import { AuthFailure, verifyAssertion } from '../../../electron/core/claiming/simulator/auth'

const decode = (part: string): Record<string, unknown> => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
const creds = { keyId: 'bf7b1ut7rihlrv30lf3g', secret: 'sëcret-with-ünicode-0123456789abcd', email: 'sa@proj.serviceaccount.d21s.com' }
const tokenUrl = 'https://identity.disruptive-technologies.com/oauth2/token'
const now = Date.parse('2026-11-25T12:00:00.900Z')

describe('createAssertion', () => {
  it('has DT header and claims: HS256 + kid, iss = email, aud = token URL, iat backdated 5 s, exp - iat = 3600, no sub', () => {
    const [h, p] = createAssertion(creds, tokenUrl, now).split('.')
    expect(decode(h!)).toEqual({ alg: 'HS256', typ: 'JWT', kid: creds.keyId })
    const payload = decode(p!)
    const nowSec = Math.floor(now / 1000)
    expect(payload).toEqual({ iat: nowSec - 5, exp: nowSec - 5 + 3600, aud: tokenUrl, iss: creds.email })
    expect(payload).not.toHaveProperty('sub')
  })

  it('a short lifetime counts from now, not from the backdated iat', () => {
    const payload = decode(createAssertion(creds, tokenUrl, now, 60).split('.')[1]!)
    expect(payload.exp).toBe(Math.floor(now / 1000) + 60)
    expect(payload.iat).toBe(Math.floor(now / 1000) - 5)
  })

  it('signs with HMAC-SHA256 over the UTF-8 bytes of the secret', () => {
    const [h, p, s] = createAssertion(creds, tokenUrl, now).split('.')
    const expected = createHmac('sha256', Buffer.from(creds.secret, 'utf8')).update(`${h}.${p}`).digest('base64url')
    expect(s).toBe(expected)
    expect(s).not.toMatch(/[=+/]/) // base64url without padding
  })

  it('refuses a lifetime over one hour', () => {
    expect(() => createAssertion(creds, tokenUrl, now, 3601)).toThrow(/3600/)
  })
})

describe('simulator JWT verification', () => {
  const accounts = new Map([[creds.keyId, { ...creds, basicAuth: false, organizations: [] }]])
  const nowSec = Math.floor(now / 1000)
  const sign = (header: object, payload: object, secret = creds.secret): string => {
    const h = Buffer.from(JSON.stringify(header)).toString('base64url')
    const p = Buffer.from(JSON.stringify(payload)).toString('base64url')
    return `${h}.${p}.${createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${h}.${p}`).digest('base64url')}`
  }
  const good = { iat: nowSec, exp: nowSec + 3600, aud: tokenUrl, iss: creds.email }
  const hdr = { alg: 'HS256', kid: creds.keyId }

  it('accepts the client assertion, and aud as a one-element array (Terraform style)', () => {
    expect(verifyAssertion(createAssertion(creds, tokenUrl, now), accounts, [tokenUrl], nowSec).keyId).toBe(creds.keyId)
    expect(verifyAssertion(sign(hdr, { ...good, aud: [tokenUrl] }), accounts, [tokenUrl], nowSec).keyId).toBe(creds.keyId)
  })

  it.each([
    ['a wrong secret', sign(hdr, good, 'other-secret'), /signature/],
    ['an unknown kid', sign({ ...hdr, kid: 'x' }, good), /key id/],
    ['another algorithm', sign({ ...hdr, alg: 'HS512' }, good), /HS256/],
    ['a wrong iss', sign(hdr, { ...good, iss: 'someone@else' }), /iss/],
    ['a wrong aud', sign(hdr, { ...good, aud: 'https://evil.example/token' }), /aud/],
    ['exp - iat over 3600', sign(hdr, { ...good, exp: nowSec + 3601 }), /3600/],
    ['an expired JWT', sign(hdr, { ...good, iat: nowSec - 4000, exp: nowSec - 400 }), /expired/],
    ['garbage', 'not.a.jwt', /malformed/]
  ])('rejects %s', (_name, jwt, message) => {
    expect(() => verifyAssertion(jwt, accounts, [tokenUrl], nowSec)).toThrow(AuthFailure)
    expect(() => verifyAssertion(jwt, accounts, [tokenUrl], nowSec)).toThrow(message)
  })
})
