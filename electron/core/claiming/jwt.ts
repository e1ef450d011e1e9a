import { createHmac } from 'node:crypto'

/** A DT service-account key: the three values Studio shows when the key is created. */
export interface DtCredentials {
  keyId: string
  secret: string
  email: string
}

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url')

/**
 * The JWT-bearer assertion DT's identity service expects (dt-api.md §4.2): header
 * {alg: HS256, kid, typ: JWT}, payload {iat, exp ≤ iat + 3600, aud: token URL, iss: SA email},
 * no `sub`, signed with HMAC-SHA256 over the secret's UTF-8 bytes (not hex-decoded).
 */
export function createAssertion(credentials: DtCredentials, tokenUrl: string, nowMs: number, lifetimeSec = 3600): string {
  if (!(lifetimeSec > 0 && lifetimeSec <= 3600)) throw new Error('JWT lifetime must be within (0, 3600] seconds')
  const iat = Math.floor(nowMs / 1000)
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: credentials.keyId }))
  const payload = b64url(JSON.stringify({ iat, exp: iat + lifetimeSec, aud: tokenUrl, iss: credentials.email }))
  const signature = createHmac('sha256', Buffer.from(credentials.secret, 'utf8')).update(`${header}.${payload}`).digest('base64url')
  return `${header}.${payload}.${signature}`
}
