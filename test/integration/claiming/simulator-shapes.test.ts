import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAssertion } from '../../../electron/core/claiming/jwt'
import type { Simulator } from '../../../electron/core/claiming/simulator/server'
import { rawToken, startTrainingSim, T } from './helpers'

// Shapes follow the examples in dt-api.md §2, §3.1, §4.2 and §6 (copied here as key lists).
// Raw JSON from the wire, navigated freely in assertions (the shapes are what is under test).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

let sim: Simulator
let auth: Record<string, string>
const keys = (o: unknown): string[] => Object.keys(o as object).sort()

beforeAll(async () => {
  sim = await startTrainingSim()
  auth = { authorization: `Bearer ${await rawToken(sim)}` }
})
afterAll(() => sim.stop())

const get = async (path: string, headers = auth): Promise<{ status: number; json: Json; headers: Headers }> => {
  const res = await fetch(`${sim.url}${path}`, { headers })
  return { status: res.status, json: await res.json(), headers: res.headers }
}
const post = async (path: string, body: unknown): Promise<{ status: number; json: Json }> => {
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: res.status, json: await res.json() }
}

describe('token endpoint (dt-api.md §4.2)', () => {
  it('answers {access_token, token_type: Bearer, expires_in: 3600}', async () => {
    const res = await fetch(sim.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `assertion=${createAssertion(T.credentials, sim.tokenUrl, Date.now())}&grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`
    })
    const json = (await res.json()) as { token_type: string; expires_in: number }
    expect(res.status).toBe(200)
    expect(keys(json)).toEqual(['access_token', 'expires_in', 'token_type'])
    expect(json.token_type).toBe('Bearer')
    expect(json.expires_in).toBe(3600)
  })

  it('refuses a bad assertion or a query-string grant with 400 {error, code, help}', async () => {
    const bad = createAssertion({ ...T.credentials, secret: 'wrong' }, sim.tokenUrl, Date.now())
    const r1 = await fetch(sim.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `assertion=${bad}&grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` })
    expect(r1.status).toBe(400)
    expect(keys(await r1.json())).toEqual(['code', 'error', 'help'])
    const r2 = await fetch(`${sim.tokenUrl}?grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`, { method: 'POST' })
    expect(r2.status).toBe(400)
  })
})

describe('auth on /v2', () => {
  it('401 without or with a bad token, in DT error shape with an int code', async () => {
    const r = await get('/organizations', {})
    expect(r.status).toBe(401)
    expect(r.json).toEqual({ error: 'missing Authorization header', code: 401, help: 'https://docs.d21s.com/error/#401' })
    expect((await get('/organizations', { authorization: 'Bearer nope' })).status).toBe(401)
  })
  it('accepts Basic auth only where the seed enables it', async () => {
    const basic = { authorization: `Basic ${Buffer.from(`${T.credentials.keyId}:${T.credentials.secret}`).toString('base64')}` }
    expect((await get('/organizations', basic)).status).toBe(200)
    sim.world.accounts.get(T.credentials.keyId)!.basicAuth = false
    try {
      const r = await get('/organizations', basic)
      expect(r.status).toBe(401)
      expect(r.json.error).toMatch(/not enabled/)
    } finally {
      sim.world.accounts.get(T.credentials.keyId)!.basicAuth = true
    }
  })
})

describe('claimInfo (dt-api.md §2.1)', () => {
  it('KIT: {type, kit:{kitId, displayName, sensors, cloudConnectors, devices[]}}', async () => {
    const r = await get(`/claimInfo?identifier=${T.partialKit}&organization=organizations/${T.organizationId}`)
    expect(r.status).toBe(200)
    expect(keys(r.json)).toEqual(['kit', 'type'])
    expect(r.json.type).toBe('KIT')
    expect(keys(r.json.kit)).toEqual(['cloudConnectors', 'devices', 'displayName', 'kitId', 'sensors'])
    expect(r.json.kit.sensors).toEqual({ totalCount: 25, claimedCount: 8 })
    expect(r.json.kit.cloudConnectors).toEqual({ totalCount: 1, claimedCount: 1 })
    expect(keys(r.json.kit.devices[0])).toEqual(['deviceId', 'deviceType', 'isClaimed', 'productNumber'])
  })
  it('DEVICE: {type, device:{deviceId, deviceType, productNumber, isClaimed}}', async () => {
    const id = T.looseUnclaimed()[0]!
    const r = await get(`/claimInfo?identifier=${id}`)
    expect(r.json.type).toBe('DEVICE')
    expect(keys(r.json.device)).toEqual(['deviceId', 'deviceType', 'isClaimed', 'productNumber'])
    expect(r.json.device.isClaimed).toBe(false)
  })
  it('404 for an unknown identifier, 400 without one, 403 for a foreign organization', async () => {
    expect((await get('/claimInfo?identifier=zzzzzzzzzzzzzzzzzzz0')).json).toEqual({ error: 'not found', code: 404, help: 'https://docs.d21s.com/error/#404' })
    expect((await get('/claimInfo')).status).toBe(400)
    expect((await get(`/claimInfo?identifier=${T.kit25}&organization=organizations/${T.otherOrganizationId}`)).status).toBe(403)
  })
})

describe('devices:claim (dt-api.md §2.2)', () => {
  it('always carries claimedDevices and claimErrors.devices/kits; a dry run changes nothing', async () => {
    const r = await post(`/projects/${T.receiving}/devices:claim?dryRun=true`, { kitIds: [T.partialKit, 'no-such-kit'] })
    expect(r.status).toBe(200)
    expect(keys(r.json)).toEqual(['claimErrors', 'claimedDevices'])
    expect(keys(r.json.claimErrors)).toEqual(['devices', 'kits'])
    expect(r.json.claimedDevices).toHaveLength(17)
    expect(r.json.claimErrors.devices.every((e: Json) => e.code === 'ALREADY_CLAIMED' && keys(e).join() === 'code,deviceId,message')).toBe(true)
    expect(r.json.claimErrors.kits).toEqual([{ kitId: 'no-such-kit', code: 'NOT_FOUND', message: 'The kit was not found' }])
    expect(sim.ledger()).toHaveLength(0)
  })
  it('refuses a missing dryRun, an empty body, an unknown project and a foreign project', async () => {
    expect((await post(`/projects/${T.receiving}/devices:claim`, { deviceIds: ['a'] })).json.error).toMatch(/dryRun/)
    expect((await post(`/projects/${T.receiving}/devices:claim?dryRun=true`, {})).status).toBe(400)
    expect((await post(`/projects/zzzzzzzzzzzzzzzzzzz0/devices:claim?dryRun=true`, { deviceIds: ['a'] })).status).toBe(404)
    expect((await post(`/projects/${T.otherOrgProject}/devices:claim?dryRun=true`, { deviceIds: ['a'] })).status).toBe(403)
  })
})

describe('organizations, projects, devices (dt-api.md §6)', () => {
  it('Organization {name: organizations/<id>, displayName}, only the account’s own', async () => {
    const r = await get('/organizations')
    expect(r.json.nextPageToken).toBe('')
    expect(r.json.organizations).toEqual([{ name: `organizations/${T.organizationId}`, displayName: 'Nordlys Logistics AS' }])
  })
  it('Project in full shape, paged with pageToken/nextPageToken; page size over 100 refused', async () => {
    const p1 = await get('/projects?pageSize=2')
    expect(p1.json.projects).toHaveLength(2)
    expect(keys(p1.json.projects[0])).toEqual(['cloudConnectorCount', 'displayName', 'inventory', 'labels', 'name', 'organization', 'organizationDisplayName', 'sensorCount'])
    expect(p1.json.nextPageToken).not.toBe('')
    const p2 = await get(`/projects?pageSize=2&page_token=${p1.json.nextPageToken}`)
    expect(p2.json.projects).toHaveLength(1)
    expect(p2.json.nextPageToken).toBe('')
    const cold = [...p1.json.projects, ...p2.json.projects].find((p: Json) => p.name === `projects/${T.coldStore}`)
    expect([cold.sensorCount, cold.cloudConnectorCount]).toEqual([8, 1])
    expect((await get('/projects?pageSize=101')).status).toBe(400)
    expect((await get('/projects?pageToken=garbage')).status).toBe(400)
  })
  it('Device {name: projects/<p>/devices/<d>, type, productNumber, labels, reported}; get via - and list by device_ids', async () => {
    const members = T.kitMembers(T.partialKit)
    const one = await get(`/projects/-/devices/${members[0]}`)
    expect(one.status).toBe(200)
    expect(keys(one.json)).toEqual(['labels', 'name', 'productNumber', 'reported', 'type'])
    expect(one.json.name).toBe(`projects/${T.coldStore}/devices/${members[0]}`)
    const listed = await get(`/projects/${T.coldStore}/devices?device_ids=${members[0]}&device_ids=${members[20]}`)
    expect(listed.json.devices.map((d: Json) => d.name)).toEqual([`projects/${T.coldStore}/devices/${members[0]}`])
    expect((await get(`/projects/${T.receiving}/devices/${members[0]}`)).status).toBe(404)
    expect((await get(`/projects/-/devices/${T.kitMembers(T.otherOrgKit)[0]}`)).status).toBe(404)
  })

  it('a malformed percent-escape in the path is a 400 in DT error shape, not a simulator crash', async () => {
    for (const path of [`/projects/${T.receiving}/devices/%E0%A4%A`, '/projects/%zz/devices']) {
      const bad = await get(path)
      expect([bad.status, bad.json]).toEqual([400, { error: expect.stringMatching(/percent-encoding/), code: 400, help: expect.any(String) }])
    }
    const control = await fetch(`${sim.origin}/__sim/devices/%E0%A4%A`)
    expect([control.status, ((await control.json()) as { code: number }).code]).toEqual([400, 400])
  })
})

describe('rate limit (dt-api.md §3.2)', () => {
  it('answers the 26th request in 5 s with 429 and an integer Retry-After', async () => {
    const limited = await startTrainingSim({ rateLimit: { max: 25, windowMs: 5000 } })
    try {
      const token = `Bearer ${await rawToken(limited)}`
      const statuses: number[] = []
      let retryAfter: string | null = null
      for (let i = 0; i < 26; i++) {
        const res = await fetch(`${limited.url}/organizations`, { headers: { authorization: token } })
        statuses.push(res.status)
        if (res.status === 429) retryAfter = res.headers.get('retry-after')
        await res.arrayBuffer()
      }
      expect(statuses.slice(0, 25).every((s) => s === 200)).toBe(true)
      expect(statuses[25]).toBe(429)
      expect(retryAfter).toMatch(/^[1-5]$/)
    } finally {
      await limited.stop()
    }
  })
})

const examples = JSON.parse(readFileSync(join(__dirname, '../../fixtures/sim/dt-api-examples.json'), 'utf8'))

/** Every key of the dt-api.md example exists in `actual` with the same JSON type, recursively. */
function expectCovers(example: Json, actual: Json, path = '$'): void {
  if (Array.isArray(example)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true)
    if (example.length > 0 && actual.length > 0) expectCovers(example[0], actual[0], `${path}[0]`)
    return
  }
  if (example !== null && typeof example === 'object') {
    expect(actual !== null && typeof actual === 'object', `${path} is an object`).toBe(true)
    for (const k of Object.keys(example)) {
      expect(actual, `${path}.${k} present`).toHaveProperty([k])
      expectCovers(example[k], actual[k], `${path}.${k}`)
    }
    return
  }
  expect(typeof actual, `${path} type`).toBe(typeof example)
}

describe('simulator answers cover the dt-api.md examples (test/fixtures/sim/dt-api-examples.json)', () => {
  it('claimInfo KIT and DEVICE, claim response, error body, organization, project, device', async () => {
    expectCovers(examples.claimInfoKit, (await get(`/claimInfo?identifier=${T.kit25}`)).json)
    expectCovers(examples.claimInfoDevice, (await get(`/claimInfo?identifier=${T.looseUnclaimed()[0]}`)).json)
    const claim = await post(`/projects/${T.receiving}/devices:claim?dryRun=true`, { kitIds: ['no-such-kit'], deviceIds: [T.looseUnclaimed()[0], T.looseClaimedInOtherOrg()[0]] })
    expectCovers(examples.claimResponse, claim.json)
    expectCovers(examples.errorBody, (await get('/claimInfo?identifier=zzzzzzzzzzzzzzzzzzz0')).json)
    expectCovers(examples.organization, (await get('/organizations')).json.organizations[0])
    expectCovers(examples.project, (await get('/projects')).json.projects[0])
    expectCovers(examples.device, (await get(`/projects/-/devices/${T.kitMembers(T.partialKit)[0]}`)).json)
  })
})
