import { z } from 'zod'
import type { Clock } from './clock'
import { DtApiError, errorFromResponse, parseErrorBody } from './errors'
import { createAssertion, type DtCredentials } from './jwt'

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive()
})

export interface TokenProviderOptions {
  tokenUrl: string
  credentials: DtCredentials
  fetch: typeof fetch
  clock: Clock
  /** Refresh this long before expiry (default 60 s; capped at half the token lifetime). */
  refreshMarginMs: number
  /** Deadline for one token request. */
  timeoutMs: number
}

/**
 * OAuth2 JWT-bearer tokens for one service-account key: cached, refreshed early, and fetched
 * single-flight (all concurrent callers share one in-flight request).
 */
export class TokenProvider {
  private cached: { token: string; refreshAt: number } | null = null
  private inflight: Promise<string> | null = null
  /** Token requests sent (tests assert single-flight with this). */
  fetches = 0

  constructor(private readonly options: TokenProviderOptions) {}

  /** A valid access token, fetching one if needed. Throws DtApiError. */
  get(): Promise<string> {
    if (this.cached && this.options.clock.now() < this.cached.refreshAt) return Promise.resolve(this.cached.token)
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = null
    })
    return this.inflight
  }

  /** Forget `token` after DT refused it; a no-op when another caller already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = null
  }

  private async fetchToken(): Promise<string> {
    const { tokenUrl, credentials, clock } = this.options
    const form = new URLSearchParams({
      assertion: createAssertion(credentials, tokenUrl, clock.now()),
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer'
    })
    this.fetches++
    let res: Response
    let text: string
    try {
      res = await this.options.fetch(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs)
      })
      text = await res.text()
    } catch (err) {
      throw new DtApiError({ kind: 'unavailable', status: null, message: `token request failed: ${(err as Error).message}`, cause: err })
    }
    let json: unknown = null
    try {
      json = JSON.parse(text)
    } catch {
      json = null
    }
    if (res.status !== 200) {
      // DT's Python client reports a 400 from the identity service as "could not authenticate".
      if (res.status === 400 || res.status === 401 || res.status === 403) {
        const body = parseErrorBody(json)
        throw new DtApiError({ kind: 'unauthorized', status: res.status, body, message: `DT refused the service account credentials: ${body?.error ?? res.status}` })
      }
      throw errorFromResponse(res.status, json, null)
    }
    const parsed = tokenResponseSchema.safeParse(json)
    if (!parsed.success) throw new DtApiError({ kind: 'bad_response', status: 200, message: 'unreadable token response' })
    const lifetimeMs = parsed.data.expires_in * 1000
    const margin = Math.min(this.options.refreshMarginMs, lifetimeMs / 2)
    // Stamp expiry from when the request was answered, minus the margin, so we refresh early.
    this.cached = { token: parsed.data.access_token, refreshAt: clock.now() + lifetimeMs - margin }
    return parsed.data.access_token
  }
}
