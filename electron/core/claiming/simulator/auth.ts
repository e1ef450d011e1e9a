import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Seed } from './seed'

type Account = Seed['serviceAccounts'][number]

/** Why a token request or an API call was refused; becomes the `error` text of the DT body. */
export class AuthFailure extends Error {}

function b64urlJson(part: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
  } catch {
    throw new AuthFailure('malformed JWT')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AuthFailure('malformed JWT')
  return parsed as Record<string, unknown>
}

/**
 * Verify a JWT-bearer assertion the way DT's identity service is documented to (dt-api.md §4.2):
 * HS256 over the secret's UTF-8 bytes, `kid` = key ID, `iss` = SA email, `aud` (string or array)
 * = the token URL, `exp - iat` ≤ 3600, not expired. Returns the account or throws AuthFailure.
 */
export function verifyAssertion(jwt: string, accounts: Map<string, Account>, audiences: readonly string[], nowSec: number): Account {
  const parts = jwt.split('.')
  if (parts.length !== 3) throw new AuthFailure('malformed JWT')
  const [h = '', p = '', s = ''] = parts
  const header = b64urlJson(h)
  const payload = b64urlJson(p)
  if (header.alg !== 'HS256') throw new AuthFailure('unsupported JWT algorithm, expected HS256')
  const account = typeof header.kid === 'string' ? accounts.get(header.kid) : undefined
  if (!account) throw new AuthFailure('unknown key id')
  const expected = createHmac('sha256', Buffer.from(account.secret, 'utf8')).update(`${h}.${p}`).digest()
  const given = Buffer.from(s, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AuthFailure('invalid JWT signature')
  if (payload.iss !== account.email) throw new AuthFailure('iss does not match the service account email')
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud]
  if (!aud.some((a) => typeof a === 'string' && audiences.includes(a))) throw new AuthFailure('aud is not this token endpoint')
  const { iat, exp } = payload
  if (typeof iat !== 'number' || typeof exp !== 'number') throw new AuthFailure('iat and exp must be numbers (seconds)')
  if (exp - iat > 3600) throw new AuthFailure('exp - iat exceeds 3600 seconds')
  if (exp <= nowSec) throw new AuthFailure('JWT expired')
  if (iat > nowSec + 60) throw new AuthFailure('iat is in the future')
  return account
}

/** Issued access tokens, keyed by token value. */
export class TokenStore {
  private readonly tokens = new Map<string, { keyId: string; expiresAtMs: number }>()
  issued = 0

  constructor(private readonly nextToken: () => string) {}

  issue(keyId: string, lifetimeSec: number, nowMs: number): string {
    const token = this.nextToken()
    this.tokens.set(token, { keyId, expiresAtMs: nowMs + lifetimeSec * 1000 })
    this.issued++
    return token
  }

  /** Invalidate every issued token (a "token expired mid-batch" fault). */
  expireAll(): void {
    this.tokens.clear()
  }

  /** The key ID behind a valid bearer token, or throws AuthFailure. */
  check(token: string, nowMs: number): string {
    const t = this.tokens.get(token)
    if (!t) throw new AuthFailure('invalid or expired access token')
    if (t.expiresAtMs <= nowMs) {
      this.tokens.delete(token)
      throw new AuthFailure('access token expired')
    }
    return t.keyId
  }
}

/** Resolve an Authorization header to a key ID: a bearer token, or Basic where the seed enables it. */
export function authenticate(header: string | undefined, tokens: TokenStore, accounts: Map<string, Account>, nowMs: number): string {
  if (!header) throw new AuthFailure('missing Authorization header')
  const [scheme = '', value = ''] = header.split(' ', 2)
  if (scheme.toLowerCase() === 'bearer') return tokens.check(value.trim(), nowMs)
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value.trim(), 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const keyId = decoded.slice(0, colon)
    const account = colon > 0 ? accounts.get(keyId) : undefined
    const given = Buffer.from(decoded.slice(colon + 1), 'utf8')
    const wanted = Buffer.from(account?.secret ?? '', 'utf8')
    if (!account || given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      throw new AuthFailure('invalid basic auth credentials')
    }
    if (!account.basicAuth) throw new AuthFailure('basic auth is not enabled for this service account')
    return keyId
  }
  throw new AuthFailure('unsupported Authorization scheme')
}
