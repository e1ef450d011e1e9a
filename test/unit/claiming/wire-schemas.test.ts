import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { claimInfoSchema, claimResponseSchema, deviceSchema, organizationSchema, projectSchema } from '../../../electron/core/claiming/wire-schemas'

const ex = JSON.parse(readFileSync(join(__dirname, '../../fixtures/sim/dt-api-examples.json'), 'utf8'))

describe('wire schemas accept the dt-api.md examples', () => {
  it('claimInfo KIT (with and without counts) and DEVICE', () => {
    expect(claimInfoSchema.parse(ex.claimInfoKit)).toMatchObject({ type: 'KIT', kit: { kitId: 'fff000', sensors: { totalCount: 5 } } })
    const noCounts = claimInfoSchema.parse(ex.claimInfoKitWithoutCounts)
    expect(noCounts.type === 'KIT' && noCounts.kit.sensors).toBeUndefined()
    expect(claimInfoSchema.parse(ex.claimInfoDevice)).toMatchObject({ type: 'DEVICE', device: { isClaimed: false } })
  })

  it('claim response, keeping per-item errors with their IDs', () => {
    const r = claimResponseSchema.parse(ex.claimResponse)
    expect(r.claimErrors.devices[0]).toMatchObject({ deviceId: 'b', code: 'ALREADY_CLAIMED' })
    expect(r.claimErrors.kits[0]).toMatchObject({ kitId: 'd', code: 'NOT_FOUND' })
  })

  it('organization, project and device names become bare IDs', () => {
    expect(organizationSchema.parse(ex.organization).name).toBe('c0pppd1qdqebrvv1iqp0')
    expect(projectSchema.parse(ex.project)).toMatchObject({ name: 'c0pppd1qdqebrvv1iqp0', organization: 'bf7b1ut7rihlrv30lf3g', inventory: false })
    expect(deviceSchema.parse(ex.device).name).toEqual({ projectId: 'c0pppd1qdqebrvv1iqp0', deviceId: 'cbvatvi87d5i8s51aagg' })
  })
})

describe('wire schemas tolerate what DT may add, and refuse what cannot be trusted', () => {
  it('unknown device types, unknown and numeric item codes, extra fields, missing productNumber', () => {
    const r = claimResponseSchema.parse({
      claimedDevices: [{ deviceId: 'a', deviceType: 'quantumSensor', isClaimed: true, newField: 1 }],
      claimErrors: { devices: [{ deviceId: 'b', code: 'PERMISSION_DENIED', message: 'x' }, { deviceId: 'c', code: 7 }] }
    })
    expect(r.claimedDevices[0]).toMatchObject({ deviceType: 'quantumSensor', productNumber: '' })
    expect(r.claimErrors.devices.map((e) => e.code)).toEqual(['PERMISSION_DENIED', '7'])
    expect(r.claimErrors.kits).toEqual([])
  })

  it('refuses an unknown claimInfo type, a nameless resource and an item error without an ID', () => {
    expect(claimInfoSchema.safeParse({ type: 'PALLET', pallet: {} }).success).toBe(false)
    expect(projectSchema.safeParse({ ...ex.project, name: 'c0pppd1qdqebrvv1iqp0' }).success).toBe(false)
    expect(claimResponseSchema.safeParse({ claimedDevices: [], claimErrors: { devices: [{ code: 'X' }] } }).success).toBe(false)
  })
})
