import { createHmac } from 'node:crypto'

/** A DT service-account key: the three values Studio shows when the key is created. */
export interface DtCredentials {
  keyId: string
  secret: string
  email: string
}

/** Seconds iat is backdated by, for clock skew between the dock and DT's identity service. */
export const IAT_SKEW_SEC = 5

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url')

/**
 * The JWT-bearer assertion DT's identity service expects (dt-api.md §4.2): header
 * {alg: HS256, kid, typ: JWT}, payload {iat (now − 5 s), exp ≤ iat + 3600, aud: token URL, iss: SA email},
 * no `sub`, signed with HMAC-SHA256 over the secret's UTF-8 bytes (not hex-decoded).
 */
export function createAssertion(credentials: DtCredentials, tokenUrl: string, nowMs: number, lifetimeSec = 3600): string {
  if (!(lifetimeSec > 0 && lifetimeSec <= 3600)) throw new Error('JWT lifetime must be within (0, 3600] seconds')
  const nowSec = Math.floor(nowMs / 1000)
  // Backdate iat so a dock clock a few seconds ahead of DT's is not "issued in the future"
  // (Terraform's DT provider does the same); exp - iat stays within DT's 3600 s limit.
  const iat = nowSec - IAT_SKEW_SEC
  const exp = Math.min(nowSec + lifetimeSec, iat + 3600)
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: credentials.keyId }))
  const payload = b64url(JSON.stringify({ iat, exp, aud: tokenUrl, iss: credentials.email }))
  const signature = createHmac('sha256', Buffer.from(credentials.secret, 'utf8')).update(`${header}.${payload}`).digest('base64url')
  return `${header}.${payload}.${signature}`
}
