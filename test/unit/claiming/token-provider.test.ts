import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DtApiError } from '../../../electron/core/claiming/errors'
import { TokenProvider } from '../../../electron/core/claiming/token-provider'
import { FakeClock } from './fake-clock'

const credentials = { keyId: 'k', secret: 's', email: 'e@x' }

/** A token endpoint stand-in: answers in the order the test (or fc.scheduler) decides. */
function tokenEndpoint(expiresIn: number, respond: <T>(p: Promise<T>) => Promise<T> = (p) => p) {
  let issued = 0
  const bodies: string[] = []
  const fetchFn = (async (_url: unknown, init?: RequestInit) => {
    bodies.push(String(init?.body))
    const token = `t${++issued}`
    return respond(Promise.resolve(new Response(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: expiresIn }), { status: 200 })))
  }) as typeof fetch
  return { fetchFn, issued: () => issued, bodies }
}

describe('TokenProvider', () => {
  it('N concurrent callers, any interleaving: exactly one token fetch, one token for all (fc.scheduler)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 30 }), async (s, n) => {
        const ep = tokenEndpoint(3600, (p) => s.schedule(p))
        const provider = new TokenProvider({ tokenUrl: 'https://id/token', credentials, fetch: ep.fetchFn, clock: new FakeClock(), refreshMarginMs: 60_000, timeoutMs: 1000 })
        const calls = Array.from({ length: n }, (_, i) => s.schedule(Promise.resolve(i)).then(() => provider.get()))
        await s.waitAll()
        const tokens = await Promise.all(calls)
        expect(ep.issued()).toBe(1)
        expect(new Set(tokens)).toEqual(new Set(['t1']))
      }),
      { numRuns: 100 }
    )
  })

  it('sends the JWT-bearer form and refreshes 60 s before expiry', async () => {
    const clock = new FakeClock()
    const ep = tokenEndpoint(3600)
    const provider = new TokenProvider({ tokenUrl: 'https://id/token', credentials, fetch: ep.fetchFn, clock, refreshMarginMs: 60_000, timeoutMs: 1000 })
    expect(await provider.get()).toBe('t1')
    expect(ep.bodies[0]).toMatch(/^assertion=[\w-]+\.[\w-]+\.[\w-]+&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer$/)
    clock.t = 3_539_000
    expect(await provider.get()).toBe('t1')
    clock.t = 3_540_000
    expect(await provider.get()).toBe('t2')
  })

  it('caps the margin at half the lifetime, so short-lived tokens are not refetched on every call', async () => {
    const clock = new FakeClock()
    const ep = tokenEndpoint(60)
    const provider = new TokenProvider({ tokenUrl: 'https://id/token', credentials, fetch: ep.fetchFn, clock, refreshMarginMs: 60_000, timeoutMs: 1000 })
    await provider.get()
    clock.t = 29_000
    await provider.get()
    expect(ep.issued()).toBe(1)
    clock.t = 30_000
    await provider.get()
    expect(ep.issued()).toBe(2)
  })

  it('invalidate only drops the token it was given (a late 401 does not discard a fresh token)', async () => {
    const ep = tokenEndpoint(3600)
    const provider = new TokenProvider({ tokenUrl: 'https://id/token', credentials, fetch: ep.fetchFn, clock: new FakeClock(), refreshMarginMs: 0, timeoutMs: 1000 })
    await provider.get()
    provider.invalidate('t1')
    expect(await provider.get()).toBe('t2')
    provider.invalidate('t1')
    expect(await provider.get()).toBe('t2')
    expect(ep.issued()).toBe(2)
  })

  it('maps token endpoint failures: 400 → unauthorized, 503 → unavailable, network → unavailable without status', async () => {
    const answer = (status: number, body: string) => (async () => new Response(body, { status })) as unknown as typeof fetch
    const make = (f: typeof fetch) => new TokenProvider({ tokenUrl: 'https://id/token', credentials, fetch: f, clock: new FakeClock(), refreshMarginMs: 0, timeoutMs: 1000 })
    const err = (p: Promise<unknown>) => p.then(() => null, (e: DtApiError) => [e.kind, e.status])
    expect(await err(make(answer(400, '{"error":"invalid_grant"}')).get())).toEqual(['unauthorized', 400])
    expect(await err(make(answer(503, '')).get())).toEqual(['unavailable', 503])
    expect(await err(make(answer(200, '{"token":"x"}')).get())).toEqual(['bad_response', 200])
    const down = (async () => {
      throw new TypeError('fetch failed')
    }) as unknown as typeof fetch
    expect(await err(make(down).get())).toEqual(['unavailable', null])
  })
})
