import { afterEach, describe, expect, it } from 'vitest'
import { DtApiError } from '../../../electron/core/claiming/errors'
import type { Simulator } from '../../../electron/core/claiming/simulator/server'
import { fastClient, startTrainingSim, T } from './helpers'

let sim: Simulator
afterEach(() => sim?.stop())

/** Gap between each 429 the simulator sent and the next request it received. */
function gapsAfter429(s: Simulator): number[] {
  const log = s.requests()
  return log.flatMap((r, i) => (r.status === 429 && log[i + 1] ? [log[i + 1]!.at - r.at] : []))
}

describe('traffic discipline', () => {
  it('the shared limiter keeps normal work under the server limit: no 429 at all', async () => {
    sim = await startTrainingSim({ rateLimit: { max: 20, windowMs: 100 } })
    // The margin absorbs the spread between leaving the client and reaching the server (cold
    // connections on a busy 2-core box): a 429 would need one request delayed 900 ms more than
    // a later one. DT's real setting is 25 / 5000 ms + 250 ms.
    const client = fastClient(sim, { rateLimit: { max: 20, windowMs: 100, marginMs: 900 } })
    const ids = T.looseUnclaimed().slice(0, 40)
    await Promise.all([...ids.map((id) => client.claimInfo(id)), client.listProjects(), client.listOrganizations()])
    expect(sim.stats().apiRequests).toBe(42)
    expect(sim.stats().rateLimited).toBe(0)
  })

  it.each(['seconds', 'date'] as const)('a 429 with Retry-After as %s is honoured: measured gap ≥ Retry-After', async (form) => {
    sim = await startTrainingSim()
    const client = fastClient(sim)
    await client.listOrganizations()
    sim.setFaults({ failNext: { status: 429, count: 2, retryAfterSeconds: 1, retryAfterForm: form } })
    await client.listOrganizations()
    const gaps = gapsAfter429(sim)
    expect(gaps).toHaveLength(2)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000)
    expect(client.stats().rateLimited).toBe(2)
  })

  it('a 429 pauses every caller of the client, not just the one that got it', async () => {
    sim = await startTrainingSim()
    const [first = '', ...others] = T.looseUnclaimed().slice(0, 5)
    // The other callers start only once the client has seen the 429, so every request they make
    // is logged after it, whatever the machine's load; ordering comes from the simulator's log.
    let othersDone: Promise<unknown> = Promise.resolve()
    const client = fastClient(sim, {
      onEvent: (e) => {
        if (e.type === 'rate_limited') othersDone = Promise.all(others.map((id) => client.claimInfo(id)))
      }
    })
    await client.listOrganizations()
    sim.setFaults({ failNext: { status: 429, count: 1, retryAfterSeconds: 1 } })
    await client.claimInfo(first)
    await othersDone
    const log = sim.requests()
    const limited = log.findIndex((r) => r.status === 429)
    expect(limited).toBeGreaterThan(0)
    const after = log.slice(limited + 1)
    // The 429'd request's retry plus one request per other caller, all held ≥ Retry-After.
    expect(after).toHaveLength(1 + others.length)
    for (const r of after) expect(r.at - log[limited]!.at).toBeGreaterThanOrEqual(1000)
  })

  it('reads ride out a 5xx storm (500/502/503/504) with capped backoff', async () => {
    sim = await startTrainingSim()
    const client = fastClient(sim)
    for (const status of [500, 502, 503, 504] as const) {
      sim.setFaults({ failNext: { status, count: 3, retryAfterSeconds: 0 } })
      expect(await client.listOrganizations()).toHaveLength(1)
    }
    expect(sim.stats().injectedErrors).toBe(12)
    expect(client.stats().retries).toBe(12)
  })

  it('gives up after maxAttempts with a typed unavailable error', async () => {
    sim = await startTrainingSim()
    const client = fastClient(sim, { maxAttempts: 3 })
    sim.setFaults({ failNext: { status: 503, count: 10, retryAfterSeconds: 0 } })
    const err = (await client.listOrganizations().catch((e: unknown) => e)) as DtApiError
    expect(err.kind).toBe('unavailable')
    expect(err.status).toBe(503)
    expect(sim.stats().apiRequests).toBe(3)
  })

  it('a random 5xx mix at 30% still completes every read (deterministic under the random seed)', async () => {
    sim = await startTrainingSim({ randomSeed: 42, faults: { errorRates: { '500': 0.1, '503': 0.1, '504': 0.1 } } })
    const client = fastClient(sim, { maxAttempts: 8 })
    const ids = T.looseUnclaimed().slice(0, 30)
    const infos = await Promise.all(ids.map((id) => client.claimInfo(id)))
    expect(infos.map((i) => (i.type === 'DEVICE' ? i.device.deviceId : '')).sort()).toEqual([...ids].sort())
    expect(sim.stats().injectedErrors).toBeGreaterThan(0)
  })

  it('each attempt has a deadline: slow answers time out and are retried', async () => {
    sim = await startTrainingSim()
    const timeouts: string[] = []
    // Generous deadline so an ordinary answer on a loaded box never hits it; the delayed answers
    // are held far longer than the deadline, so each of them must cost one timed-out attempt.
    const client = fastClient(sim, {
      attemptTimeoutMs: 800,
      onEvent: (e) => {
        if (e.type === 'retry' && /timed out/.test(e.reason)) timeouts.push(e.reason)
      }
    })
    await client.listOrganizations()
    const before = sim.requests().length
    sim.setFaults({ delayNext: { count: 2, ms: 3000 } })
    expect(await client.listOrganizations()).toHaveLength(1)
    expect(sim.faults().delayNext?.count).toBe(0) // both delayed answers were drawn
    expect(timeouts.length).toBeGreaterThanOrEqual(2)
    expect(sim.requests().length - before).toBe(timeouts.length + 1)
  })

  it('the operation budget ends a hopeless read with unavailable', async () => {
    sim = await startTrainingSim({ faults: { latencyMs: 400 } })
    const client = fastClient(sim, { attemptTimeoutMs: 100, operationBudgetMs: 350, maxAttempts: 100 })
    const err = (await client.listOrganizations().catch((e: unknown) => e)) as DtApiError
    expect(err).toBeInstanceOf(DtApiError)
    expect(err.kind).toBe('unavailable')
    expect(err.status).toBeNull()
  })

  it('a slow (trickled) body counts against the attempt deadline', async () => {
    sim = await startTrainingSim({ faults: { slowBodyMs: 4000 } })
    const client = fastClient(sim, { attemptTimeoutMs: 600, maxAttempts: 2 })
    const err = (await client.listOrganizations().catch((e: unknown) => e)) as DtApiError
    expect(err.kind).toBe('unavailable')
    sim.setFaults({ slowBodyMs: 20 })
    expect(await client.listOrganizations()).toHaveLength(1)
  })

  it('truncated JSON on a read is retried; if it persists the error is bad_response', async () => {
    sim = await startTrainingSim()
    const client = fastClient(sim, { maxAttempts: 3 })
    sim.setFaults({ truncateJsonNext: 1 })
    expect(await client.listOrganizations()).toHaveLength(1)
    sim.setFaults({ truncateJsonNext: 5 })
    expect(((await client.listOrganizations().catch((e: unknown) => e)) as DtApiError).kind).toBe('bad_response')
  })

  it('connection refused is reported as unavailable with no status', async () => {
    sim = await startTrainingSim()
    const url = sim.url
    await sim.stop()
    const client = fastClient(sim, { apiUrl: url, auth: 'basic', maxAttempts: 2 })
    const err = (await client.listOrganizations().catch((e: unknown) => e)) as DtApiError
    expect([err.kind, err.status]).toEqual(['unavailable', null])
    sim = await startTrainingSim()
  })
})
