import { describe, expect, it } from 'vitest'
import type { SessionView } from '../../../shared/contract'
import { escapeHtml, receiptHtml, resultsCsv } from '../../../electron/core/session/exports'

const hostile = '<img src=x onerror=alert(1)>'
const view: SessionView = {
  session: {
    id: 'sess-1',
    organizationId: 'org',
    projectId: 'proj',
    projectName: `Proj ${hostile}`,
    operator: `"ann" & <bob>`,
    station: 'dock-1',
    reference: '=cmd|calc',
    status: 'done',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    summary: { kits: 1, devicesToClaim: 0, alreadyClaimed: 0, notFound: 0, duplicates: 0, pending: 0, invalid: 1, claimed: 2, failed: 0 }
  },
  items: [
    { id: 'i1', kind: 'problem', identifier: '=HYPERLINK("http://x")', state: 'invalid', flags: [{ code: 'invalid', message: hostile, guidance: [] }], scannedAt: 't', source: 'hid', scannerId: null, kit: null, device: null, result: null },
    {
      id: 'i2',
      kind: 'kit',
      identifier: 'kit-a1',
      state: 'claimed',
      flags: [],
      scannedAt: 't',
      source: 'hid',
      scannerId: 's1',
      kit: { displayName: `Kit ${hostile}`, total: 2, claimedCount: 2, sensors: 2, cloudConnectors: 0, members: [
        { deviceId: 'd1', deviceType: 'touch', productNumber: '1', state: 'claimed' },
        { deviceId: 'd2', deviceType: 'touch', productNumber: '1', state: 'claimed' }
      ] },
      device: null,
      result: null
    }
  ]
}

describe('exports', () => {
  it('CSV has one row per item and per kit member, with formula cells neutralized', () => {
    const csv = resultsCsv(view)
    const lines = csv.trim().split(/\r?\n/)
    expect(lines).toHaveLength(1 + 1 + 1 + 2)
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m)
    expect(csv).toContain("'=HYPERLINK")
    expect(csv).toContain('kit_member')
  })

  it('the receipt escapes every value and carries no script', () => {
    const html = receiptHtml(view, new Date('2026-01-02T03:04:05Z'))
    expect(html).not.toContain(hostile)
    expect(html).toContain(escapeHtml(hostile))
    expect(html).toContain('&#34;ann&#34; &#38; &#60;bob&#62;')
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain("default-src 'none'")
    expect(html).toContain('kit-a1')
  })
})
