import { afterEach, describe, expect, it } from 'vitest'
import type { Simulator } from '../../../electron/core/claiming/simulator/server'
import { fastClient, rawToken, startTrainingSim, T } from './helpers'

const sims: Simulator[] = []
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()))
})
async function start(options: Parameters<typeof startTrainingSim>[0] = {}): Promise<Simulator> {
  const s = await startTrainingSim(options)
  sims.push(s)
  return s
}

describe('simulator control API (/__sim/)', () => {
  it('the ledger lists each applied claim with device, project, time and the request id the client saw', async () => {
    const sim = await start()
    const token = await rawToken(sim)
    const ids = T.looseUnclaimed().slice(0, 2)
    const res = await fetch(`${sim.url}/projects/${T.receiving}/devices:claim?dryRun=false`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ deviceIds: ids })
    })
    const requestId = res.headers.get('x-request-id')
    await res.arrayBuffer()
    const ledger = (await (await fetch(`${sim.origin}/__sim/ledger`)).json()) as { entries: Record<string, unknown>[] }
    expect(ledger.entries.map((e) => [e.deviceId, e.projectId, e.requestId, e.kitId, e.keyId])).toEqual(
      ids.map((id) => [id, T.receiving, requestId, null, T.credentials.keyId])
    )
    expect(Date.parse(String(ledger.entries[0]!.at))).not.toBeNaN()
    const device = await (await fetch(`${sim.origin}/__sim/devices/${ids[0]}`)).json()
    expect(device).toMatchObject({ deviceId: ids[0], claimedInto: T.receiving })
  })

  it('faults are patched, validated, read back and reset over HTTP', async () => {
    const sim = await start()
    const patch = await fetch(`${sim.origin}/__sim/faults`, { method: 'POST', body: JSON.stringify({ latencyMs: 5, maxClaimBatch: 10 }) })
    expect(patch.status).toBe(200)
    expect(await patch.json()).toMatchObject({ latencyMs: 5, maxClaimBatch: 10 })
    const bad = await fetch(`${sim.origin}/__sim/faults`, { method: 'POST', body: JSON.stringify({ latencyMs: 'slow' }) })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(/latencyMs/)
    expect(sim.faults().latencyMs).toBe(5)
    await (await fetch(`${sim.origin}/__sim/faults/reset`, { method: 'POST' })).arrayBuffer()
    expect(sim.faults()).toMatchObject({ latencyMs: 0, maxClaimBatch: null })
  })

  it('tokenFailNext makes the next token requests fail without issuing a token, then recovers', async () => {
    const sim = await start()
    const patch = await fetch(`${sim.origin}/__sim/faults`, { method: 'POST', body: JSON.stringify({ tokenFailNext: { status: 503, count: 1 } }) })
    expect(await patch.json()).toMatchObject({ tokenFailNext: { status: 503, count: 1 } })
    const bad = await fetch(`${sim.origin}/__sim/faults`, { method: 'POST', body: JSON.stringify({ tokenFailNext: { status: 418, count: 1 } }) })
    expect(bad.status).toBe(400)
    const form = async (): Promise<Response> => {
      const { createAssertion } = await import('../../../electron/core/claiming/jwt')
      return fetch(sim.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ assertion: createAssertion(T.credentials, sim.tokenUrl, Date.now()), grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' }).toString()
      })
    }
    const failed = await form()
    expect(failed.status).toBe(503)
    expect(await failed.json()).toMatchObject({ code: 503 })
    const ok = await form()
    expect(ok.status).toBe(200)
    expect(sim.stats()).toMatchObject({ tokenRequests: 2, tokensIssued: 1, apiRequests: 0 })
  })

  it('POST /__sim/tokens/expire makes the next API call 401; stats count what happened', async () => {
    const sim = await start()
    const token = await rawToken(sim)
    await (await fetch(`${sim.origin}/__sim/tokens/expire`, { method: 'POST' })).arrayBuffer()
    const res = await fetch(`${sim.url}/organizations`, { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(401)
    const stats = (await (await fetch(`${sim.origin}/__sim/stats`)).json()) as Record<string, number>
    expect(stats).toMatchObject({ tokensIssued: 1, tokenRequests: 1, apiRequests: 1 })
    const requests = (await (await fetch(`${sim.origin}/__sim/requests`)).json()) as { requests: { status: number }[] }
    expect(requests.requests.map((r) => r.status)).toEqual([401])
  })

  it('is deterministic under a random seed: same seed and requests → same fault pattern', async () => {
    const pattern = async (randomSeed: number): Promise<(number | null)[]> => {
      const sim = await start({ randomSeed, faults: { errorRates: { '500': 0.3, '503': 0.2 }, retryAfterSeconds: 0 } })
      const client = fastClient(sim, { maxAttempts: 20 })
      for (const id of T.looseUnclaimed().slice(0, 15)) await client.claimInfo(id)
      return sim.requests().map((r) => r.status)
    }
    const a = await pattern(11)
    expect(await pattern(11)).toEqual(a)
    expect(a.filter((s) => s !== 200).length).toBeGreaterThan(0)
    expect(await pattern(12)).not.toEqual(a)
  })
})
