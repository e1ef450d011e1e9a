import { describe, expect, it } from 'vitest'
import { claimedElsewhereFlag, transferNote } from '../../../electron/core/session/flags'
import { ALREADY_CLAIMED_GUIDANCE } from '../../../shared/guidance'

describe('the transfer/support note for devices claimed elsewhere', () => {
  it('names the target project by name and ID, the reference and every device ID', () => {
    const note = transferNote(['aaaaaaaaaaaaaaaaaaa0', 'bbbbbbbbbbbbbbbbbbbg'], { projectId: '6a22d3a5a8m1loif7b9g', projectName: 'Oslo Warehouse – Receiving', reference: 'PO-4711' })
    expect(note).toBe('Transfer request: please move 2 device(s) into project "Oslo Warehouse – Receiving" (6a22d3a5a8m1loif7b9g), reference PO-4711. IDs: aaaaaaaaaaaaaaaaaaa0, bbbbbbbbbbbbbbbbbbbg')
  })
  it('falls back to the project ID and omits a missing reference', () => {
    expect(transferNote(['aaaaaaaaaaaaaaaaaaa0'], { projectId: 'p1', reference: null })).toBe('Transfer request: please move 1 device(s) into project p1. IDs: aaaaaaaaaaaaaaaaaaa0')
  })
  it("carries DT's already-claimed guidance", () => {
    const flag = claimedElsewhereFlag(['aaaaaaaaaaaaaaaaaaa0'], { projectId: 'p1', projectName: 'Dock', reference: null })
    expect(flag.code).toBe('already_claimed_elsewhere')
    expect(flag.guidance).toEqual([...ALREADY_CLAIMED_GUIDANCE])
  })
})
