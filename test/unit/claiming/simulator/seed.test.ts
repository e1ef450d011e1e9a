import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildLargeSeed, LARGE_SEED } from '../../../../electron/core/claiming/simulator/large-seed'
import { loadSeedFile, parseSeed, type Seed } from '../../../../electron/core/claiming/simulator/seed'

const trainingPath = join(__dirname, '../../../../resources/training-seed.json')

describe('training seed (resources/training-seed.json)', () => {
  const seed = loadSeedFile(trainingPath)
  const byId = new Map(seed.devices.map((d) => [d.deviceId, d]))
  const projectOrg = new Map(seed.projects.map((p) => [p.id, p.organization]))
  const sa = seed.serviceAccounts[0]!

  it('has one service account with basic auth, in one of two or more organizations', () => {
    expect(seed.serviceAccounts).toHaveLength(1)
    expect(sa.basicAuth).toBe(true)
    expect(seed.organizations.length).toBeGreaterThanOrEqual(2)
    expect(seed.projects.some((p) => p.inventory && sa.organizations.includes(p.organization))).toBe(true)
  })

  it('has kits of 25 and 100 sensors, each with Cloud Connectors', () => {
    const sizes = seed.kits.map((k) => {
      const members = k.deviceIds.map((id) => byId.get(id)!)
      return { sensors: members.filter((d) => d.deviceType !== 'ccon').length, ccons: members.filter((d) => d.deviceType === 'ccon').length }
    })
    expect(sizes.some((s) => s.sensors === 25 && s.ccons >= 1)).toBe(true)
    expect(sizes.some((s) => s.sensors === 100 && s.ccons >= 1)).toBe(true)
    expect(sizes.every((s) => s.sensors === 25 || s.sensors === 100)).toBe(true)
  })

  it('has a partially claimed kit, devices claimed into another organization, and loose sensors of several types', () => {
    const claimedShare = seed.kits.map((k) => k.deviceIds.filter((id) => byId.get(id)!.claimedInto !== null).length / k.deviceIds.length)
    expect(claimedShare.some((x) => x > 0 && x < 1)).toBe(true)
    const elsewhere = seed.devices.filter((d) => d.claimedInto !== null && !sa.organizations.includes(projectOrg.get(d.claimedInto)!))
    expect(elsewhere.length).toBeGreaterThan(0)
    const inKit = new Set(seed.kits.flatMap((k) => k.deviceIds))
    const looseTypes = new Set(seed.devices.filter((d) => !inKit.has(d.deviceId) && d.claimedInto === null).map((d) => d.deviceType))
    expect(looseTypes.size).toBeGreaterThanOrEqual(6)
  })
})

describe('seed validation', () => {
  const base = (): Seed => JSON.parse(JSON.stringify(loadSeedFile(trainingPath))) as Seed

  it.each([
    ['a malformed device ID', (s: Seed) => (s.devices[0]!.deviceId = 'NOT-A-DT-ID'), /devices\.0\.deviceId: must be a DT device ID/],
    ['a duplicate device', (s: Seed) => s.devices.push({ ...s.devices[0]! }), /duplicate device/],
    ['a kit member that does not exist', (s: Seed) => s.kits[0]!.deviceIds.push('aaaaaaaaaaaaaaaaaaa0'), /unknown device aaaaaaaaaaaaaaaaaaa0/],
    ['a device claimed into an unknown project', (s: Seed) => (s.devices[0]!.claimedInto = 'bbbbbbbbbbbbbbbbbbb0'), /unknown project/],
    ['a project in an unknown organization', (s: Seed) => (s.projects[0]!.organization = 'ccccccccccccccccccc0'), /unknown organization/],
    ['a device in two kits', (s: Seed) => s.kits[1]!.deviceIds.push(s.kits[0]!.deviceIds[0]!), /already in kit/],
    ['an unexpected key', (s: Seed) => ((s as unknown as Record<string, unknown>).extra = 1), /extra|Unrecognized/i]
  ])('rejects %s with the JSON path', (_name, mutate, message) => {
    const s = base()
    mutate(s)
    expect(() => parseSeed(s, 'test')).toThrow(message)
  })

  it('explains an unreadable seed file', () => {
    expect(() => loadSeedFile('/nonexistent/seed.json')).toThrow(/cannot read simulator seed/)
  })
})

describe('buildLargeSeed', () => {
  it('builds the default 40 × (100 + 1 CCON) kits and 4,000 loose sensors, valid and deterministic', () => {
    const seed = buildLargeSeed()
    expect(seed.kits).toHaveLength(40)
    expect(seed.kits.every((k) => k.deviceIds.length === 101)).toBe(true)
    expect(seed.devices.length).toBe(40 * 101 + 4000 + 100)
    expect(() => parseSeed(seed)).not.toThrow()
    expect(JSON.stringify(buildLargeSeed({ kits: 2, looseDevices: 5 }))).toBe(JSON.stringify(buildLargeSeed({ kits: 2, looseDevices: 5 })))
    expect(seed.serviceAccounts[0]!.keyId).toBe(LARGE_SEED.keyId)
  })
})
