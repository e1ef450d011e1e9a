/** Capped exponential backoff with full jitter (AWS): sleep = random(0, min(cap, base·2^n)). */
export interface BackoffOptions {
  baseMs: number
  capMs: number
  /** DT: retry a 500/503 no sooner than 1 s. */
  minServerErrorMs: number
  /** DT: retry a 504 no sooner than 10 s. */
  minGatewayTimeoutMs: number
  /** Upper bound for a Retry-After we are willing to honour. */
  maxRetryAfterMs: number
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  baseMs: 500,
  capMs: 20_000,
  minServerErrorMs: 1000,
  minGatewayTimeoutMs: 10_000,
  maxRetryAfterMs: 600_000
}

/** Full-jitter delay before retry number `attempt` (0 = first retry). `random` returns [0, 1). */
export function fullJitterDelay(attempt: number, options: Pick<BackoffOptions, 'baseMs' | 'capMs'>, random: () => number): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt))
  return Math.floor(random() * ceiling)
}

/**
 * Parse a Retry-After header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns ms to
 * wait (≥ 0), or null when absent or unreadable. Dates in the past mean "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null
  const v = value.trim()
  if (v === '') return null
  if (/^\d+$/.test(v)) return Number(v) * 1000
  if (/^[+-]?\d*\.?\d+$/.test(v)) return null
  const at = Date.parse(v)
  if (Number.isNaN(at)) return null
  return Math.max(0, at - nowMs)
}

/**
 * The delay before retrying after an answer with this status. Retry-After (clamped) is a
 * floor, as are DT's documented minimums for 5xx; the jittered backoff is never undercut.
 */
export function retryDelay(
  attempt: number,
  status: number | null,
  retryAfterMs: number | null,
  options: BackoffOptions,
  random: () => number
): number {
  let delay = fullJitterDelay(attempt, options, random)
  if (status === 504) delay = Math.max(delay, options.minGatewayTimeoutMs)
  else if (status !== null && status >= 500) delay = Math.max(delay, options.minServerErrorMs)
  if (retryAfterMs !== null) delay = Math.max(delay, Math.min(retryAfterMs, options.maxRetryAfterMs))
  return delay
}
