import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isHidPosScanner } from '../../../electron/core/scanners/hid-types'
import { createNodeHidBackend } from '../../../electron/core/scanners/node-hid-backend'

// Loads the real node-hid native binding (hidraw on Linux). On Linux it needs libusb-1.0-0 and
// libudev1 installed (the CI script installs them); there is no scanner here, so the lists are
// whatever the machine has — usually empty in a container.
describe('real node-hid binding', () => {
  it('lists HID devices as well-formed entries', async () => {
    const devices = await createNodeHidBackend().devicesAsync()
    expect(Array.isArray(devices)).toBe(true)
    for (const d of devices) {
      expect(typeof d.vendorId).toBe('number')
      expect(typeof d.productId).toBe('number')
    }
    console.log(`[node-hid] ${devices.length} HID collection(s), ${devices.filter(isHidPosScanner).length} HID POS scanner(s)`)
  })

  it('rejects opening a path that does not exist with node-hid\'s message', async () => {
    await expect(createNodeHidBackend().open('/dev/hidraw-does-not-exist')).rejects.toThrow(/cannot open device/i)
  })

  it('runs `scanners` through the CLI entry point in a child process', () => {
    const root = join(__dirname, '../../..')
    const script = "require('./electron/core/scanners/scanners-cli.ts').runScannersCommand([]).then((c) => { process.exitCode = c })"
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' })
    expect(out).toMatch(/USB HID POS scanner collection\(s\) found|node-hid sees no HID devices/)
  })
})
