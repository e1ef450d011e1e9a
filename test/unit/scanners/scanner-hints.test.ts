import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hex4, isPermissionError, scannerIdFor, SCANNER_VENDOR_IDS } from '../../../electron/core/scanners/scanner-hints'

describe('scanner hints', () => {
  it('the udev rule grants access for every scanner vendor the app recognises', () => {
    const rules = readFileSync(join(__dirname, '../../../resources/udev/70-dock-claim-scanners.rules'), 'utf8')
    const active = rules.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'))
    for (const line of active) expect(line).toMatch(/^KERNEL=="hidraw\*", SUBSYSTEM=="hidraw", ATTRS\{idVendor\}=="[0-9a-f]{4}", TAG\+="uaccess"$/)
    const vids = active.map((l) => /idVendor\}=="([0-9a-f]{4})"/.exec(l)?.[1])
    expect(vids.sort()).toEqual(SCANNER_VENDOR_IDS.map(hex4).sort())
  })
  it('recognises permission errors from Linux, Windows and macOS wording', () => {
    expect(isPermissionError("cannot open device with path /dev/hidraw3: Failed to open a device with path '/dev/hidraw3': Permission denied")).toBe(true)
    expect(isPermissionError('Access is denied.')).toBe(true)
    expect(isPermissionError('cannot open device with path /dev/hidraw3')).toBe(false)
  })
  it('builds scanner ids from the serial number when there is one, else the path', () => {
    const d = { vendorId: 0x0c2e, productId: 0x0b87, release: 1, interface: 0 }
    expect(scannerIdFor({ ...d, serialNumber: 'SN1', path: '/dev/hidraw3' })).toBe('0c2e:0b87:sn:SN1')
    expect(scannerIdFor({ ...d, path: '/dev/hidraw3' })).toBe('0c2e:0b87:path:/dev/hidraw3')
    // A serial shared with another listed scanner of the same model cannot identify it.
    expect(scannerIdFor({ ...d, serialNumber: 'SN1', path: '/dev/hidraw3' }, false)).toBe('0c2e:0b87:path:/dev/hidraw3')
  })
})
