import { afterEach, describe, expect, it } from 'vitest'
import { DtApiError } from '../../../electron/core/claiming/errors'
import type { Simulator } from '../../../electron/core/claiming/simulator/server'
import { fastClient, startTrainingSim, T } from './helpers'

let sim: Simulator
afterEach(() => sim?.stop())

describe('OAuth2 token handling against the simulator', () => {
  it('N concurrent callers on a cold client cause exactly 1 token fetch', async () => {
    sim = await startTrainingSim()
    const client = fastClient(sim)
    const results = await Promise.all(Array.from({ length: 20 }, () => client.listOrganizations()))
    expect(results.every((r) => r.length === 1)).toBe(true)
    expect(sim.stats().tokensIssued).toBe(1)
    expect(client.stats().tokenFetches).toBe(1)
  })

  it('tokens revoked mid-batch: every call still succeeds, with exactly one refresh for N concurrent 401s', async () => {
    sim = await startTrainingSim()
    const client = fastClient(sim)
    const ids = T.looseUnclaimed().slice(0, 30)
    const first = await Promise.all(ids.slice(0, 10).map((id) => client.claimInfo(id)))
    expect(first).toHaveLength(10)
    sim.expireTokens()
    const rest = await Promise.all(ids.slice(10).map((id) => client.claimInfo(id)))
    expect(rest.every((r) => r.type === 'DEVICE')).toBe(true)
    expect(sim.stats().tokensIssued).toBe(2)
    // Every 401 was answered by the server, each caller retried once.
    const unauthorized = sim.requests().filter((r) => r.status === 401).length
    expect(unauthorized).toBeGreaterThan(0)
    expect(client.stats().refreshes).toBe(unauthorized)
  })

  it('a token is refreshed 60 s before expiry (client clock moved forward)', async () => {
    let offset = 0
    const clock = { now: () => Date.now() + offset, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) }
    // Simulator and client share the moved clock, as DT and a dock share real time.
    sim = await startTrainingSim({ now: clock.now })
    const client = fastClient(sim, { clock })
    await client.listOrganizations()
    offset = 3600_000 - 61_000
    await client.listOrganizations()
    expect(sim.stats().tokensIssued).toBe(1)
    offset = 3600_000 - 59_000
    await client.listOrganizations()
    expect(sim.stats().tokensIssued).toBe(2)
  })

  it('a token that expires on the server mid-batch (short lifetime) is replaced without failures', async () => {
    sim = await startTrainingSim({ tokenLifetimeSeconds: 1 })
    // Margin 0: the client trusts the token until the server refuses it.
    const client = fastClient(sim, { tokenRefreshMarginMs: 0 })
    const ids = T.looseUnclaimed().slice(0, 12)
    for (const id of ids) {
      await client.claimInfo(id)
      await new Promise((r) => setTimeout(r, 150))
    }
    expect(sim.stats().tokensIssued).toBeGreaterThanOrEqual(2)
    expect(sim.requests().filter((r) => r.status !== 200 && r.status !== 401)).toEqual([])
  })

  it('a 401 causes at most one refresh and one retry, then a typed unauthorized error', async () => {
    sim = await startTrainingSim()
    const client = fastClient(sim)
    await client.listOrganizations()
    const before = sim.stats().apiRequests
    sim.setFaults({ failNext: { status: 401, count: 5 } })
    const err = await client.listOrganizations().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DtApiError)
    expect((err as DtApiError).kind).toBe('unauthorized')
    expect((err as DtApiError).guidance.join(' ')).toMatch(/key ID, secret and email/)
    expect(sim.stats().apiRequests - before).toBe(2)
    expect(sim.stats().tokensIssued).toBe(2)
  })

  it('wrong credentials: the token endpoint’s 400 becomes unauthorized, with no API call made', async () => {
    sim = await startTrainingSim()
    const client = fastClient(sim, { credentials: { ...T.credentials, secret: 'not-the-secret' } })
    const err = await client.listProjects().catch((e: unknown) => e)
    expect((err as DtApiError).kind).toBe('unauthorized')
    expect(sim.stats().apiRequests).toBe(0)
  })

  it('Basic auth is an opt-in that needs no token endpoint', async () => {
    sim = await startTrainingSim()
    const client = fastClient(sim, { auth: 'basic', tokenUrl: 'http://127.0.0.1:9/unused' })
    expect((await client.listOrganizations())[0]!.id).toBe(T.organizationId)
    expect(sim.stats().tokenRequests).toBe(0)
    sim.world.accounts.get(T.credentials.keyId)!.basicAuth = false
    expect(((await client.listOrganizations().catch((e: unknown) => e)) as DtApiError).kind).toBe('unauthorized')
  })
})
