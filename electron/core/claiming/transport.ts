import { retryDelay, parseRetryAfter, type BackoffOptions } from './backoff'
import type { Clock } from './clock'
import { DtAmbiguousError, DtApiError, asNotSent, errorFromResponse } from './errors'
import type { SlidingWindowLimiter } from './rate-limiter'

/** Produces the Authorization header; `invalidate` is called once after a 401. */
export interface AuthProvider {
  header(): Promise<string>
  invalidate(header: string): void
}

export interface TransportOptions {
  apiUrl: string
  fetch: typeof fetch
  clock: Clock
  random: () => number
  limiter: SlidingWindowLimiter
  auth: AuthProvider
  /** Deadline of one HTTP attempt (headers and body). */
  attemptTimeoutMs: number
  /** Total time one operation may take across attempts and backoff (limiter queueing excluded). */
  operationBudgetMs: number
  /** Attempts per operation, first one included (401 refresh not counted). */
  maxAttempts: number
  backoff: BackoffOptions
  userAgent: string
  onEvent?: (event: TransportEvent) => void
}

/** What the transport reports for logs and the audit trail. */
export type TransportEvent =
  | { type: 'retry'; path: string; attempt: number; delayMs: number; reason: string }
  | { type: 'token_refresh_after_401'; path: string }
  | { type: 'rate_limited'; path: string; waitMs: number }

export interface RequestSpec {
  method: 'GET' | 'POST'
  /** Below the API base, starting with "/". Path segments must already be encoded. */
  path: string
  query?: readonly (readonly [string, string])[]
  body?: unknown
  /** Set for a REAL claim: after it may have reached DT it is never re-sent. */
  claim?: { projectId: string; kitIds: readonly string[]; deviceIds: readonly string[] }
}

export interface TransportStats {
  attempts: number
  retries: number
  rateLimited: number
  refreshes: number
}

// Failures where the request provably never reached the server (safe even for a real claim).
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

function errorCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
  }
  return null
}

const isTimeout = (err: unknown): boolean => err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')

/** One DT API endpoint call with limiter, auth, deadlines, retries and the never-double-claim rule. */
export class Transport {
  readonly stats: TransportStats = { attempts: 0, retries: 0, rateLimited: 0, refreshes: 0 }

  constructor(private readonly o: TransportOptions) {}

  /** Perform the request; resolves with the parsed JSON of a 200 answer. */
  async request(spec: RequestSpec): Promise<unknown> {
    const { clock } = this.o
    const qs = spec.query?.length ? '?' + spec.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') : ''
    const url = `${this.o.apiUrl.replace(/\/+$/, '')}${spec.path}${qs}`
    let deadline: number | null = null
    let failures = 0
    let refreshed = false
    let lastError: DtApiError | null = null

    const ambiguous = (status: number | null, message: string, cause?: unknown): DtAmbiguousError =>
      new DtAmbiguousError({ ...spec.claim!, status, message: `claim outcome unknown: ${message}`, cause })

    // Decide whether to retry `err`; returns normally to retry, throws to give up.
    const retryOrThrow = async (err: DtApiError, status: number | null, retryAfterMs: number | null): Promise<void> => {
      lastError = err
      failures++
      const delay = retryDelay(failures - 1, status, retryAfterMs, this.o.backoff, this.o.random)
      if (status === 429) {
        this.stats.rateLimited++
        this.o.limiter.pauseUntil(clock.now() + delay)
        this.o.onEvent?.({ type: 'rate_limited', path: spec.path, waitMs: delay })
      }
      if (failures >= this.o.maxAttempts || clock.now() + delay >= (deadline ?? Infinity)) throw err
      this.stats.retries++
      this.o.onEvent?.({ type: 'retry', path: spec.path, attempt: failures, delayMs: delay, reason: err.message })
      await clock.sleep(delay)
    }

    for (;;) {
      // Everything up to the fetch below happens before the API request leaves: failures here
      // are flagged notSent so a real claim is known to be safe to send again.
      let authHeader: string
      try {
        authHeader = await this.o.auth.header()
      } catch (err) {
        if (!(err instanceof DtApiError)) throw new DtApiError({ kind: 'unavailable', status: null, message: `could not get credentials: ${(err as Error).message}`, notSent: true, cause: err })
        if (err.kind === 'unavailable') {
          await retryOrThrow(asNotSent(err), err.status, null)
          continue
        }
        throw asNotSent(err)
      }
      // Take the limiter slot last, right before sending: the slot's timestamp must match the
      // moment DT sees the request, or a slow token fetch would let a burst through.
      try {
        await this.o.limiter.acquire()
      } catch (err) {
        throw new DtApiError({ kind: 'unavailable', status: null, message: `waiting for the rate limiter failed: ${(err as Error).message}`, notSent: true, cause: err })
      }
      deadline ??= clock.now() + this.o.operationBudgetMs
      const remaining = deadline - clock.now()
      if (remaining <= 0) throw lastError ?? new DtApiError({ kind: 'unavailable', status: null, message: 'operation budget exhausted', notSent: true })
      this.stats.attempts++
      let res: Response
      let text: string | null = null
      try {
        res = await this.o.fetch(url, {
          method: spec.method,
          headers: {
            authorization: authHeader,
            accept: 'application/json',
            'user-agent': this.o.userAgent,
            ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {})
          },
          body: spec.body !== undefined ? JSON.stringify(spec.body) : undefined,
          signal: AbortSignal.timeout(Math.min(this.o.attemptTimeoutMs, remaining))
        })
      } catch (err) {
        const code = errorCode(err)
        const what = isTimeout(err) ? 'timed out' : `connection failed (${code ?? (err as Error).message})`
        const refused = code !== null && CONNECT_CODES.has(code)
        if (spec.claim && !refused) throw ambiguous(null, what, err)
        await retryOrThrow(new DtApiError({ kind: 'unavailable', status: null, message: `DT ${what}`, notSent: refused, cause: err }), null, null)
        continue
      }
      try {
        text = await res.text()
      } catch (err) {
        // The body timed out or was cut off. For a claim the status decides: a 200 or 5xx may
        // have been applied; for a read it is just another transient failure.
        text = null
        if (spec.claim && (res.status === 200 || res.status >= 500)) throw ambiguous(res.status, 'the answer was cut off', err)
        if (!spec.claim) {
          const what = isTimeout(err) ? 'timed out reading the answer' : 'the answer was cut off'
          await retryOrThrow(new DtApiError({ kind: 'unavailable', status: null, message: `DT ${what}`, cause: err }), null, null)
          continue
        }
      }
      const status = res.status
      let json: unknown = undefined
      try {
        json = text === null ? undefined : JSON.parse(text)
      } catch {
        json = undefined
      }
      if (status === 200) {
        if (json !== undefined) return json
        if (spec.claim) throw ambiguous(200, 'the answer was not readable JSON')
        await retryOrThrow(new DtApiError({ kind: 'bad_response', status, message: 'DT answered 200 with unreadable JSON' }), null, null)
        continue
      }
      if (status === 401 && !refreshed) {
        // DT rejects an expired token before doing anything, so one refresh + retry is safe.
        refreshed = true
        this.stats.refreshes++
        this.o.auth.invalidate(authHeader)
        this.o.onEvent?.({ type: 'token_refresh_after_401', path: spec.path })
        continue
      }
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), clock.now())
      const err = errorFromResponse(status, json, retryAfterMs)
      if (status === 429) {
        // Rate limited requests are refused before execution: safe to retry, claims included.
        await retryOrThrow(err, status, retryAfterMs ?? 0)
        continue
      }
      if (status >= 500) {
        if (spec.claim) throw ambiguous(status, `DT answered ${status}`, err)
        await retryOrThrow(err, status, retryAfterMs)
        continue
      }
      throw err
    }
  }
}
