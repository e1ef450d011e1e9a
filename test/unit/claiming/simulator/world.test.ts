import { describe, expect, it } from 'vitest'
import { buildLargeSeed, LARGE_SEED } from '../../../../electron/core/claiming/simulator/large-seed'
import { World } from '../../../../electron/core/claiming/simulator/world'

const meta = { requestId: 'r1', keyId: LARGE_SEED.keyId, at: '2026-11-25T12:00:00.000Z' }
const fresh = (): World => {
  const seed = buildLargeSeed({ kits: 2, kitSize: 4, cconsPerKit: 1, looseDevices: 3, claimedElsewhere: 1 })
  return new World(seed)
}

describe('simulated claim semantics', () => {
  it('a dry run lists what would be claimed and changes nothing', () => {
    const w = fresh()
    const res = w.claim(LARGE_SEED.targetProjectId, ['bench-0001'], [], true, meta)
    expect(res.claimedDevices).toHaveLength(5)
    expect(res.claimedDevices.every((d) => d.isClaimed === false)).toBe(true)
    expect(w.ledger).toHaveLength(0)
    expect([...w.devices.values()].filter((d) => d.claimedInto === LARGE_SEED.targetProjectId)).toHaveLength(0)
  })

  it('a kit claim claims its Cloud Connector too and writes one ledger entry per device', () => {
    const w = fresh()
    const res = w.claim(LARGE_SEED.targetProjectId, ['bench-0001'], [], false, meta)
    expect(res.claimedDevices.map((d) => d.deviceType).filter((t) => t === 'ccon')).toHaveLength(1)
    expect(w.ledger.map((e) => e.kitId)).toEqual(Array(5).fill('bench-0001'))
    expect(res.claimErrors).toEqual({ devices: [], kits: [] })
  })

  it('a partially claimed kit claims the rest and reports the others ALREADY_CLAIMED', () => {
    const w = fresh()
    const kit = w.kits.get('bench-0002')!
    w.claim(LARGE_SEED.inventoryProjectId, [], kit.deviceIds.slice(0, 2), false, meta)
    const res = w.claim(LARGE_SEED.targetProjectId, ['bench-0002'], [], false, meta)
    expect(res.claimedDevices.map((d) => d.deviceId)).toEqual(kit.deviceIds.slice(2))
    expect(res.claimErrors.devices.map((e) => [e.deviceId, e.code])).toEqual(kit.deviceIds.slice(0, 2).map((id) => [id, 'ALREADY_CLAIMED']))
  })

  it('re-claiming into the same project is ALREADY_CLAIMED; unknown IDs are NOT_FOUND; duplicates count once', () => {
    const w = fresh()
    const d = w.kits.get('bench-0001')!.deviceIds[0]!
    w.claim(LARGE_SEED.targetProjectId, [], [d], false, meta)
    const res = w.claim(LARGE_SEED.targetProjectId, ['no-such-kit'], [d, 'aaaaaaaaaaaaaaaaaaa0', 'aaaaaaaaaaaaaaaaaaa0'], false, meta)
    expect(res.claimErrors.devices).toEqual([
      { deviceId: d, code: 'ALREADY_CLAIMED', message: 'The device was previously claimed' },
      { deviceId: 'aaaaaaaaaaaaaaaaaaa0', code: 'NOT_FOUND', message: 'The device was not found' }
    ])
    expect(res.claimErrors.kits).toEqual([{ kitId: 'no-such-kit', code: 'NOT_FOUND', message: 'The kit was not found' }])
    expect(w.ledger).toHaveLength(1)
  })

  it('claimInfo counts sensors and Cloud Connectors separately', () => {
    const w = fresh()
    const info = w.claimInfo('bench-0001') as { kit: { sensors: object; cloudConnectors: object; devices: unknown[] } }
    expect(info.kit.sensors).toEqual({ totalCount: 4, claimedCount: 0 })
    expect(info.kit.cloudConnectors).toEqual({ totalCount: 1, claimedCount: 0 })
    expect(w.claimInfo('nope')).toBeNull()
  })
})
