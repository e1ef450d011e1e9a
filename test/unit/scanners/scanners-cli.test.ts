import { describe, expect, it } from 'vitest'
import { createFakeHidBackend } from '../../../electron/core/scanners/fake-hid'
import { runScannersCommand } from '../../../electron/core/scanners/scanners-cli'
import { hidPosReports } from './hid-pos-fixtures'
import { manualClock } from './manual-clock'

const POS = { vendorId: 0x0c2e, productId: 0x0b87, path: '/dev/hidraw3', product: 'Voyager 1602g', release: 1, interface: 0, usagePage: 0x8c, usage: 2 }
const KBD_SCANNER = { vendorId: 0x05e0, productId: 0x1200, path: '/dev/hidraw4', product: 'Symbol Bar Code Scanner', release: 1, interface: 0, usagePage: 1, usage: 6 }
const REM = { ...POS, usagePage: 0xff8c, usage: 1 }

function capture() {
  const lines: string[] = []
  const errors: string[] = []
  return { lines, errors, out: (l: string) => lines.push(l), err: (l: string) => errors.push(l) }
}

describe('dock-claim scanners', () => {
  it('lists every HID device and marks HID POS scanners and keyboard-mode scanners', async () => {
    const c = capture()
    const code = await runScannersCommand([], { backend: createFakeHidBackend([POS, REM, KBD_SCANNER]), out: c.out, err: c.err })
    expect(code).toBe(0)
    const text = c.lines.join('\n')
    expect(text).toMatch(/0c2e:0b87\s+0x8c\/2\s+\/dev\/hidraw3\s+Voyager 1602g\s+HID POS scanner/)
    expect(text).toMatch(/0x8c\/1 .*vendor interface \(ignored\)|0xff8c\/1 .*vendor interface \(ignored\)/)
    expect(text).toMatch(/05e0:1200 .*keyboard mode/)
    expect(text).toContain('1 USB HID POS scanner collection(s) found')
  })

  it('prints JSON with a role per device', async () => {
    const c = capture()
    await runScannersCommand(['--json'], { backend: createFakeHidBackend([POS]), out: c.out, err: c.err })
    expect(JSON.parse(c.lines.join('\n'))).toMatchObject([{ path: '/dev/hidraw3', role: expect.stringMatching(/HID POS/) }])
  })

  it('says what to install when libusb is missing, with exit code 1', async () => {
    const backend = createFakeHidBackend([])
    backend.enumerationError = 'libusb-1.0.so.0: cannot open shared object file'
    const c = capture()
    expect(await runScannersCommand([], { backend, out: c.out, err: c.err })).toBe(1)
    expect(c.errors.join('\n')).toContain('libusb-1.0.so.0')
  })

  it('refuses unknown options with usage and exit code 2', async () => {
    const c = capture()
    expect(await runScannersCommand(['--lisen'], { backend: createFakeHidBackend([]), out: c.out, err: c.err })).toBe(2)
    expect(c.errors.join('\n')).toMatch(/unknown option --lisen[\s\S]*usage/)
  })

  it('--listen prints each decoded scan with the parser verdict until stopped', async () => {
    const backend = createFakeHidBackend([POS])
    const c = capture()
    const stop = new AbortController()
    const time = manualClock()
    const run = runScannersCommand(['--listen', '--raw'], { backend, out: c.out, err: c.err, signal: stop.signal, clock: time.clock })
    await time.settle()
    const dev = backend.devices[0]!
    for (const r of hidPosReports('https://x.io/d/CBVATVI87D5I8S51AAGG\r')) dev.feed(r)
    for (const r of hidPosReports('bad\u202ecode')) dev.feed(r)
    stop.abort()
    expect(await run).toBe(0)
    const text = c.lines.join('\n')
    expect(text).toMatch(/\[connected\] 0c2e:0b87:path:\/dev\/hidraw3/)
    expect(text).toMatch(/aim=\]Q1 {2}"https:\/\/x\.io\/d\/CBVATVI87D5I8S51AAGG\\r" {2}-> device cbvatvi87d5i8s51aagg/)
    expect(text).toMatch(/"bad\\u\{202E\}code" {2}-> REJECTED bidi/)
    expect(text).toMatch(/raw 02/)
    expect(dev.isOpen).toBe(false)
  })
})
