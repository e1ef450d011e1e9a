import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDtClient } from '../../../electron/core/claiming/client'
import { DtApiError } from '../../../electron/core/claiming/errors'
import { buildLargeSeed, LARGE_SEED } from '../../../electron/core/claiming/simulator/large-seed'
import { startSimulator, type Simulator } from '../../../electron/core/claiming/simulator/server'
import { NOT_FOUND_GUIDANCE } from '../../../shared/guidance'
import { fastClient, startTrainingSim, T, trainingSeed } from './helpers'

let sim: Simulator
beforeAll(async () => {
  sim = await startTrainingSim()
})
afterAll(() => sim.stop())

describe('DT client endpoints over real HTTP', () => {
  it('lists organizations and every project across pages (pageToken/nextPageToken)', async () => {
    const client = fastClient(sim, { pageSize: 2 })
    expect(await client.listOrganizations()).toEqual([{ id: T.organizationId, displayName: 'Nordlys Logistics AS' }])
    const before = sim.requests().length
    const projects = await client.listProjects(T.organizationId)
    const mine = trainingSeed.projects.filter((p) => p.organization === T.organizationId)
    expect(projects.map((p) => p.id).sort()).toEqual(mine.map((p) => p.id).sort())
    expect(projects.find((p) => p.inventory)?.displayName).toBe('Inventory')
    const sent = sim.requests().slice(before).map((r) => r.path)
    expect(sent).toHaveLength(2)
    expect(sent[0]).toContain(`organization=organizations%2F${T.organizationId}`)
    expect(sent[1]).toMatch(/pageToken=/)
  })

  it('reads claimInfo for a kit (counts, members) and a device; encodes the identifier', async () => {
    const client = fastClient(sim)
    const kit = await client.claimInfo(T.partialKit, T.organizationId)
    if (kit.type !== 'KIT') throw new Error('expected a kit')
    expect(kit.kit.sensors).toEqual({ totalCount: 25, claimedCount: 8 })
    expect(kit.kit.devices).toHaveLength(26)
    expect(kit.kit.devices.filter((d) => d.isClaimed)).toHaveLength(9)
    const id = T.looseUnclaimed()[0]!
    expect(await client.claimInfo(id)).toMatchObject({ type: 'DEVICE', device: { deviceId: id, isClaimed: false } })
    const err = await client.claimInfo('no such/kit&x=1').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DtApiError)
    expect((err as DtApiError).kind).toBe('not_found')
    expect((err as DtApiError).guidance).toEqual(NOT_FOUND_GUIDANCE)
    expect(sim.requests().at(-1)!.path).toContain('identifier=no%20such%2Fkit%26x%3D1')
  })

  it('sends dryRun explicitly; a dry run lists would-be claims and per-item errors without applying', async () => {
    const client = fastClient(sim)
    const res = await client.claim(T.receiving, { kitIds: [T.partialKit, 'missing-kit'], deviceIds: [T.looseClaimedInOtherOrg()[0]!] }, { dryRun: true })
    expect(sim.requests().at(-1)!.path).toMatch(/devices:claim\?dryRun=true$/)
    expect(res.claimedDevices).toHaveLength(17)
    expect(res.errors.filter((e) => e.code === 'ALREADY_CLAIMED' && e.kind === 'device')).toHaveLength(10)
    expect(res.errors).toContainEqual({ kind: 'kit', id: 'missing-kit', code: 'NOT_FOUND', message: 'The kit was not found' })
    expect(sim.ledger()).toEqual([])
    await expect(client.claim(T.receiving, { deviceIds: ['x'] }, {} as { dryRun: boolean })).rejects.toThrow(/dryRun must be given/)
    await expect(client.claim(T.receiving, {}, { dryRun: true })).rejects.toThrow(/nothing to claim/)
  })

  it('maps whole-request errors to typed kinds: forbidden, not_found, bad_request', async () => {
    const client = fastClient(sim)
    const kind = (p: Promise<unknown>) => p.then(() => 'ok', (e: DtApiError) => `${e.kind}:${e.status}:${e.body?.code}`)
    expect(await kind(client.claim(T.otherOrgProject, { deviceIds: ['a'] }, { dryRun: true }))).toBe('forbidden:403:403')
    expect(await kind(client.claim('zzzzzzzzzzzzzzzzzzz0', { deviceIds: ['a'] }, { dryRun: true }))).toBe('not_found:404:404')
    expect(await kind(client.getDevice('-', 'zzzzzzzzzzzzzzzzzzz0'))).toBe('not_found:404:404')
    expect(await kind(client.listProjectDevices(T.otherOrgProject, ['a']))).toBe('forbidden:403:403')
    sim.setFaults({ maxClaimBatch: 1 })
    try {
      expect(await kind(client.claim(T.receiving, { deviceIds: ['a', 'b'] }, { dryRun: true }))).toBe('bad_request:400:400')
    } finally {
      sim.setFaults({ maxClaimBatch: null })
    }
  })

  it('gets a device by project or "-" and lists a project’s devices by device_ids', async () => {
    const client = fastClient(sim)
    const members = T.kitMembers(T.partialKit)
    expect(await client.getDevice('-', members[0]!)).toEqual({ deviceId: members[0], projectId: T.coldStore, deviceType: 'humidity', productNumber: '101895' })
    const listed = await client.listProjectDevices(T.coldStore, members)
    expect(listed.map((d) => d.deviceId).sort()).toEqual([...members.slice(0, 8), members[25]!].sort())
  })

  it('lists more than 100 device_ids in several requests and pages', async () => {
    const big = await startSimulator({ seed: buildLargeSeed({ kits: 3, kitSize: 100, looseDevices: 0, claimedElsewhere: 0 }), rateLimit: false })
    try {
      const client = createDtClient({ apiUrl: big.url, tokenUrl: big.tokenUrl, credentials: LARGE_SEED, auth: 'basic' })
      // Put 303 devices into the target project, then look them all up (plus repeats).
      const kitIds = ['bench-0001', 'bench-0002', 'bench-0003']
      const claimed = await client.claim(LARGE_SEED.targetProjectId, { kitIds }, { dryRun: false })
      expect(claimed.claimedDevices).toHaveLength(303)
      const ids = claimed.claimedDevices.map((d) => d.deviceId)
      const listed = await client.listProjectDevices(LARGE_SEED.targetProjectId, [...ids, ...ids.slice(0, 10)])
      expect(new Set(listed.map((d) => d.deviceId)).size).toBe(303)
      const listings = big.requests().filter((r) => r.path.includes('/devices?'))
      expect(listings).toHaveLength(4) // 303 unique IDs → 100+100+100+3
      expect(listings.every((r) => (r.path.match(/device_ids=/g) ?? []).length <= 100)).toBe(true)
    } finally {
      await big.stop()
    }
  })
})
