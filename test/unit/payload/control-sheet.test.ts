import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildControlSheetHtml } from '../../../scripts/control-sheet'
import { CONTROL_BARCODES, parsePayload } from '../../../shared/payload'

describe('control barcode sheet', () => {
  it('has one QR code and the exact payload for every control barcode', async () => {
    const html = await buildControlSheetHtml()
    expect(html.match(/<svg /g)).toHaveLength(CONTROL_BARCODES.length)
    for (const c of CONTROL_BARCODES) {
      expect(html).toContain(`aria-label="QR code ${c.payload}"`)
      expect(html).toContain(`<code>${c.payload}</code>`)
      expect(parsePayload(c.payload)).toMatchObject({ ok: true, kind: 'control', command: c.command })
    }
  })

  it('is committed as a generated PDF in resources/', () => {
    const pdf = join(__dirname, '../../../resources/control-barcodes.pdf')
    expect(existsSync(pdf)).toBe(true)
    expect(statSync(pdf).size).toBeGreaterThan(5000)
  })
})
