import { describe, expect, it } from 'vitest'
import { buildPreview, type PreviewInput } from '../../../electron/core/session/preview'
import type { DeviceResult, KitInfo, Lookup, ScanRecord } from '../../../electron/core/session/types'

const dev = (n: number): string => `d${String(n).padStart(18, '0')}0`
let seq = 0
function scan(identifier: string, kind: ScanRecord['kind'] = identifier.startsWith('kit') ? 'kit' : 'device'): ScanRecord {
  seq++
  return { id: `s${seq}`, sessionId: 'S', seq, kind, identifier, raw: identifier, reason: kind === 'invalid' ? 'bad code' : null, source: 'hid', scannerId: 'sc1', at: `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}Z` }
}
function kit(kitId: string, members: number[], claimed: number[] = []): Lookup {
  const k: KitInfo = {
    kitId,
    displayName: `Kit ${kitId}`,
    sensors: members.length,
    cloudConnectors: 0,
    devices: members.map((n) => ({ deviceId: dev(n), deviceType: 'temperature', productNumber: '102058', isClaimed: claimed.includes(n) }))
  }
  return { status: 'kit', kit: k }
}
const device = (isClaimed = false): Lookup => ({ status: 'device', deviceType: 'touch', productNumber: '102061', isClaimed })

function input(scans: ScanRecord[], lookups: [string, Lookup][], extra: Partial<PreviewInput> = {}): PreviewInput {
  return {
    scans,
    lookups: new Map(lookups),
    results: new Map(),
    claimedHere: () => false,
    context: { projectId: 'p1', reference: 'PO-1' },
    ...extra
  }
}
const flagCodes = (item: { flags: { code: string }[] } | undefined) => item?.flags.map((f) => f.code) ?? []

describe('buildPreview', () => {
  it('counts a duplicate scan once and flags it', () => {
    const p = buildPreview(input([scan(dev(1)), scan(dev(1)), scan(dev(2))], [[dev(1), device()], [dev(2), device()]]))
    expect(p.items).toHaveLength(2)
    expect(p.summary.duplicates).toBe(1)
    expect(flagCodes(p.items.find((i) => i.identifier === dev(1)))).toContain('duplicate')
    expect(p.plan.deviceIds.sort()).toEqual([dev(1), dev(2)].sort())
    expect(p.summary.devicesToClaim).toBe(2)
  })

  it('flags identifiers seen in another session under the "ever" policy', () => {
    const p = buildPreview(input([scan(dev(1))], [[dev(1), device()]], { seenInOtherSession: (id) => id === dev(1) }))
    expect(flagCodes(p.items[0])).toContain('duplicate')
    expect(p.summary.duplicates).toBe(1)
  })

  it('collapses a device scanned after its kit: covered, sent once with the kit', () => {
    const p = buildPreview(input([scan('kit-A'), scan(dev(2))], [['kit-A', kit('kit-A', [1, 2, 3])], [dev(2), device()]]))
    const d = p.items.find((i) => i.identifier === dev(2))
    expect(d?.state).toBe('covered')
    expect(d?.device?.kitId).toBe('kit-A')
    expect(flagCodes(d)).toContain('covered_by_kit')
    expect(p.plan).toMatchObject({ kitIds: ['kit-A'], deviceIds: [], deviceCount: 3 })
  })

  it('merges devices scanned before their kit into the kit card', () => {
    const p = buildPreview(input([scan(dev(1)), scan(dev(9)), scan('kit-A')], [[dev(1), device()], [dev(9), device()], ['kit-A', kit('kit-A', [1, 2])]]))
    const k = p.items.find((i) => i.kind === 'kit')
    expect(flagCodes(k)).toContain('merged_into_kit')
    expect(k?.flags.find((f) => f.code === 'merged_into_kit')?.message).toContain(dev(1))
    expect(p.plan.kitIds).toEqual(['kit-A'])
    expect(p.plan.deviceIds).toEqual([dev(9)])
    expect(p.plan.deviceCount).toBe(3)
  })

  it('plans only the unclaimed members of a partially claimed kit, as device IDs', () => {
    const p = buildPreview(input([scan('kit-P')], [['kit-P', kit('kit-P', [1, 2, 3, 4], [1, 2])]]))
    const k = p.items[0]
    expect(flagCodes(k)).toEqual(expect.arrayContaining(['partial_kit', 'already_claimed_elsewhere']))
    expect(k?.kit?.claimedCount).toBe(2)
    expect(p.plan).toMatchObject({ kitIds: [], deviceIds: [dev(3), dev(4)], deviceCount: 2 })
    expect(p.summary.alreadyClaimed).toBe(2)
  })

  it('splits already claimed into claimed_here (this station) and claimed_elsewhere with a transfer note', () => {
    const p = buildPreview(input([scan(dev(1)), scan(dev(2))], [[dev(1), device(true)], [dev(2), device(true)]], { claimedHere: (id) => id === dev(1) }))
    const here = p.items.find((i) => i.identifier === dev(1))
    const there = p.items.find((i) => i.identifier === dev(2))
    expect(here?.state).toBe('claimed_here')
    expect(flagCodes(here)).toEqual(['already_claimed_here'])
    expect(there?.state).toBe('claimed_elsewhere')
    const f = there?.flags.find((x) => x.code === 'already_claimed_elsewhere')
    expect(f?.message).toContain(dev(2))
    expect(f?.message).toContain('PO-1')
    expect(f?.guidance.length).toBeGreaterThan(0)
    expect(p.plan.deviceCount).toBe(0)
  })

  it('shows not found, invalid and pending items and does not plan them', () => {
    const p = buildPreview(input([scan(dev(1)), scan('garbage', 'invalid'), scan(dev(3)), scan('kit-X')], [[dev(1), { status: 'not_found' }], [dev(3), { status: 'failed', attempts: 2, lastError: 'DT unreachable' }]]))
    expect(p.summary).toMatchObject({ notFound: 1, invalid: 1, pending: 2, devicesToClaim: 0 })
    expect(p.items.find((i) => i.identifier === 'garbage')?.kind).toBe('problem')
    expect(p.items.find((i) => i.identifier === dev(3))?.state).toBe('lookup_failed')
    expect(p.items.find((i) => i.identifier === 'kit-X')?.state).toBe('pending')
  })

  it('lists items newest first', () => {
    const p = buildPreview(input([scan(dev(1)), scan(dev(2))], []))
    expect(p.items.map((i) => i.identifier)).toEqual([dev(2), dev(1)])
  })

  it('applies claim results: claimed, parked and failed; failed go to the retry plan only', () => {
    const results = new Map<string, DeviceResult>([
      [dev(1), { state: 'claimed', code: null, message: 'Claimed', batchId: 'b' }],
      [dev(2), { state: 'parked', code: 'parked_elsewhere', message: 'In project other', batchId: 'b' }],
      [dev(3), { state: 'failed', code: 'rejected', message: '403', batchId: 'b' }]
    ])
    const p = buildPreview(input([scan(dev(1)), scan(dev(2)), scan(dev(3)), scan('kit-K')], [[dev(1), device()], [dev(2), device()], [dev(3), device()], ['kit-K', kit('kit-K', [4, 5])]], { results }))
    expect(p.items.find((i) => i.identifier === dev(2))?.state).toBe('claimed_elsewhere')
    expect(p.summary).toMatchObject({ claimed: 1, failed: 1 })
    expect(p.plan).toMatchObject({ kitIds: ['kit-K'], deviceIds: [] })
    expect(p.retryPlan.deviceIds).toEqual([dev(3)])
  })

  it('flags kits that are not in an imported manifest', () => {
    const p = buildPreview(input([scan('kit-A'), scan('kit-B')], [['kit-A', kit('kit-A', [1])], ['kit-B', kit('kit-B', [2])]], { manifestKits: new Set(['kit-A']) }))
    expect(flagCodes(p.items.find((i) => i.identifier === 'kit-B'))).toContain('unexpected')
    expect(flagCodes(p.items.find((i) => i.identifier === 'kit-A'))).not.toContain('unexpected')
  })

  it('a fully claimed-here kit shows as done, not as an error', () => {
    const p = buildPreview(input([scan('kit-H')], [['kit-H', kit('kit-H', [1, 2], [1, 2])]], { claimedHere: () => true }))
    expect(p.items[0]?.state).toBe('claimed_here')
    expect(flagCodes(p.items[0])).toEqual(['already_claimed_here'])
  })
})
