import { z } from 'zod'

const rate = z.number().min(0).max(1)
const count = z.number().int().min(0)

/**
 * Fault injection for `/v2/...` requests (`tokenFailNext` alone targets the token endpoint;
 * nothing touches `/__sim/`). Rates draw
 * from the simulator's seeded PRNG, so a run is reproducible under the same `randomSeed` and
 * request order; `*Next` counters script exact sequences for tests.
 */
export const faultsSchema = z
  .object({
    /** Added before every response is written (after the request was applied). */
    latencyMs: count.default(0),
    /** Uniform extra 0..jitterMs on top of latencyMs. */
    jitterMs: count.default(0),
    /** Probability per request of answering this status BEFORE applying anything. */
    errorRates: z.partialRecord(z.enum(['429', '500', '502', '503', '504']), rate).default({}),
    /** The next `count` requests answer `status` before applying anything (a 429 storm, a 5xx storm, 401s as if the token expired). */
    failNext: z
      .object({
        status: z.union([z.literal(401), z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
        count: count,
        retryAfterSeconds: count.nullable().default(null),
        retryAfterForm: z.enum(['seconds', 'date']).default('seconds')
      })
      .nullable()
      .default(null),
    /** Retry-After seconds sent with injected 429/503 (rates). */
    retryAfterSeconds: count.default(1),
    /** After a REAL claim was applied: destroy the connection instead of answering. */
    resetAfterApplyRate: rate.default(0),
    resetAfterApplyNext: count.default(0),
    /** After a REAL claim was applied: answer 500 anyway. */
    errorAfterApplyRate: rate.default(0),
    errorAfterApplyNext: count.default(0),
    /** The next `count` requests are delayed by `ms` before the response (timeouts on demand). */
    delayNext: z.object({ count, ms: count }).nullable().default(null),
    /** Trickle the body over this many ms (headers go out at once). */
    slowBodyMs: count.default(0),
    /** Send a 200 whose JSON is cut in half (Content-Length matches the cut body). */
    truncateJsonRate: rate.default(0),
    truncateJsonNext: count.default(0),
    /** The next `count` token requests answer `status` without issuing a token (identity service down or refusing). */
    tokenFailNext: z
      .object({
        status: z.union([z.literal(400), z.literal(401), z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
        count: count
      })
      .nullable()
      .default(null),
    /** Largest claim (kit IDs + device IDs) accepted; larger → 400 "too many items …". */
    maxClaimBatch: z.number().int().min(1).nullable().default(null)
  })
  .strict()
export type Faults = z.infer<typeof faultsSchema>
export type FaultsInput = z.input<typeof faultsSchema>

/** mulberry32: tiny, fast, good enough for reproducible fault draws. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface InjectedError {
  status: number
  retryAfter: string | null
}

/** Mutable fault state of one simulator; decisions consume PRNG draws in a fixed order. */
export class FaultState {
  faults: Faults

  constructor(
    input: FaultsInput,
    private readonly random: () => number,
    private readonly now: () => number
  ) {
    this.faults = faultsSchema.parse(input)
  }

  /** Merge a patch (validated); returns the new fault set. */
  update(patch: unknown): Faults {
    const merged = faultsSchema.parse({ ...this.faults, ...faultsSchema.partial().parse(patch) })
    this.faults = merged
    return merged
  }

  reset(): Faults {
    this.faults = faultsSchema.parse({})
    return this.faults
  }

  private retryAfter(seconds: number, form: 'seconds' | 'date'): string {
    if (form === 'seconds') return String(seconds)
    // HTTP-date has 1 s resolution; round up so the client never waits less than asked.
    return new Date(Math.ceil(this.now() / 1000) * 1000 + seconds * 1000).toUTCString()
  }

  /** An error to answer before applying anything, or null. */
  beforeApply(): InjectedError | null {
    const f = this.faults
    if (f.failNext && f.failNext.count > 0) {
      const { status, retryAfterSeconds, retryAfterForm } = f.failNext
      f.failNext = { ...f.failNext, count: f.failNext.count - 1 }
      const ra = retryAfterSeconds ?? (status === 429 || status === 503 ? f.retryAfterSeconds : null)
      return { status, retryAfter: ra === null ? null : this.retryAfter(ra, retryAfterForm) }
    }
    for (const key of ['429', '500', '502', '503', '504'] as const) {
      const p = f.errorRates[key]
      if (p && this.random() < p) {
        const status = Number(key)
        return { status, retryAfter: status === 429 || status === 503 ? this.retryAfter(f.retryAfterSeconds, 'seconds') : null }
      }
    }
    return null
  }

  /** A status for the token endpoint to answer instead of issuing a token, or null. */
  beforeToken(): number | null {
    const f = this.faults
    if (!f.tokenFailNext || f.tokenFailNext.count === 0) return null
    f.tokenFailNext = { ...f.tokenFailNext, count: f.tokenFailNext.count - 1 }
    return f.tokenFailNext.status
  }

  /** After a real claim was applied: 'reset', 'error' or null. */
  afterApply(): 'reset' | 'error' | null {
    const f = this.faults
    if (f.resetAfterApplyNext > 0) {
      f.resetAfterApplyNext--
      return 'reset'
    }
    if (f.errorAfterApplyNext > 0) {
      f.errorAfterApplyNext--
      return 'error'
    }
    if (f.resetAfterApplyRate > 0 && this.random() < f.resetAfterApplyRate) return 'reset'
    if (f.errorAfterApplyRate > 0 && this.random() < f.errorAfterApplyRate) return 'error'
    return null
  }

  delayMs(): number {
    const f = this.faults
    let ms = f.latencyMs + (f.jitterMs > 0 ? Math.floor(this.random() * (f.jitterMs + 1)) : 0)
    if (f.delayNext && f.delayNext.count > 0) {
      ms += f.delayNext.ms
      f.delayNext = { ...f.delayNext, count: f.delayNext.count - 1 }
    }
    return ms
  }

  truncate(): boolean {
    const f = this.faults
    if (f.truncateJsonNext > 0) {
      f.truncateJsonNext--
      return true
    }
    return f.truncateJsonRate > 0 && this.random() < f.truncateJsonRate
  }
}
