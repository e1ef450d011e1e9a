import { describe, expect, it } from 'vitest'
import { chunkPlan, planHash } from '../../../electron/core/session/claim-chunks'
import type { ClaimPlan } from '../../../electron/core/session/types'

const plan: ClaimPlan = {
  kitIds: ['k1', 'k2'],
  kitMembers: { k1: ['a', 'b', 'c'], k2: ['d', 'e', 'f', 'g', 'h'] },
  deviceIds: ['x', 'y', 'z'],
  deviceCount: 11
}

describe('chunkPlan', () => {
  it('packs kits by member count and loose devices one each, never over the chunk size unless a kit is bigger', () => {
    const chunks = chunkPlan(plan, 'p', 4, (id) => `item-${id}`, () => null)
    expect(chunks.map((c) => [c.request.kitIds, c.request.deviceIds])).toEqual([
      [['k1'], []],
      [['k2'], []],
      [[], ['x', 'y', 'z']]
    ])
    const all = chunks.flatMap((c) => c.request.expectedDeviceIds)
    expect(all.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'x', 'y', 'z'])
    expect(chunks[0]?.devices[0]).toEqual({ deviceId: 'a', kitId: 'k1', itemId: 'item-k1' })
    expect(chunks.every((c) => c.request.projectId === 'p')).toBe(true)
  })

  it('loose members of partial kits keep their kit for the item link', () => {
    const c = chunkPlan({ kitIds: [], kitMembers: {}, deviceIds: ['m1'], deviceCount: 1 }, 'p', 100, (id) => (id === 'kp' ? 'item-kp' : null), () => 'kp')
    expect(c[0]?.devices[0]).toEqual({ deviceId: 'm1', kitId: 'kp', itemId: 'item-kp' })
  })
})

describe('planHash', () => {
  it('ignores order but not content', () => {
    const shuffled: ClaimPlan = { ...plan, kitIds: ['k2', 'k1'], deviceIds: ['z', 'x', 'y'] }
    expect(planHash(shuffled)).toBe(planHash(plan))
    expect(planHash({ ...plan, deviceIds: ['x', 'y'] })).not.toBe(planHash(plan))
  })
})
