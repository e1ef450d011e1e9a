import { afterEach, describe, expect, it } from 'vitest'
import { scannerStatusSchema, type ScannerStatus } from '../../../shared/contract/scanners'
import { createFakeHidBackend, type FakeHidBackend, type FakeHidDevice } from '../../../electron/core/scanners/fake-hid'
import type { HidDeviceInfo } from '../../../electron/core/scanners/hid-types'
import { ScannerService, type DroppedEvent, type ScanEvent } from '../../../electron/core/scanners/scanner-service'
import { UDEV_HINT } from '../../../electron/core/scanners/scanner-hints'
import { hidPosReports, keyboardReports, loadHoneywellCapture } from './hid-pos-fixtures'
import { manualClock } from './manual-clock'

const HONEYWELL_POS: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b87, path: '/dev/hidraw3', product: 'Voyager 1602g', serialNumber: '15232B1F0C', release: 1, interface: 0, usagePage: 0x8c, usage: 2 }
const ZEBRA_POS: HidDeviceInfo = { vendorId: 0x05e0, productId: 0x2100, path: '/dev/hidraw5', release: 1, interface: 0, usagePage: 0x8c, usage: 2 }
const HONEYWELL_REM: HidDeviceInfo = { ...HONEYWELL_POS, usagePage: 0xff8c, usage: 1 }
const OFFICE_KEYBOARD: HidDeviceInfo = { vendorId: 0x046d, productId: 0xc31c, path: '/dev/hidraw0', release: 1, interface: 0, usagePage: 1, usage: 6 }
const DEV = 'cbvatvi87d5i8s51aagg'

let service: ScannerService | null = null
afterEach(async () => {
  await service?.stop()
  service = null
})

async function setup(devices: HidDeviceInfo[], opts: { platform?: string } = {}) {
  const backend: FakeHidBackend = createFakeHidBackend(devices)
  const time = manualClock()
  const svc = new ScannerService({ backend, clock: time.clock, pollMs: 2000, maxBackoffMs: 16_000, platform: opts.platform ?? 'linux' })
  service = svc
  const scans: ScanEvent[] = []
  const statuses: ScannerStatus[] = []
  const dropped: DroppedEvent[] = []
  const backendErrors: Array<{ message: string; hint: string | null }> = []
  svc.on('scan', (s) => scans.push(s))
  svc.on('status', (s) => statuses.push(s))
  svc.on('dropped', (d) => dropped.push(d))
  svc.on('backend_error', (e) => backendErrors.push(e))
  await svc.start()
  const dev = (path: string): FakeHidDevice => {
    const d = backend.devices.find((x) => x.info.path === path && x.info.usagePage === 0x8c)
    if (!d) throw new Error(`no fake device ${path}`)
    return d
  }
  return { svc, backend, time, scans, statuses, dropped, backendErrors, dev }
}

const feedScan = (d: FakeHidDevice, text: string, layout = {}): void => {
  for (const r of hidPosReports(text, layout)) d.feed(r)
}

describe('ScannerService discovery', () => {
  it('opens only HID POS collections (0x8C/2), by path, and reports them connected', async () => {
    const t = await setup([HONEYWELL_POS, HONEYWELL_REM, OFFICE_KEYBOARD, { ...ZEBRA_POS, usage: 1 }])
    const list = t.svc.list()
    expect(list.map((s) => [s.path, s.state])).toEqual([['/dev/hidraw3', 'connected']])
    for (const s of [...list, ...t.statuses]) expect(() => scannerStatusSchema.parse(s)).not.toThrow()
    expect(t.dev('/dev/hidraw3').opens).toBe(1)
    expect(t.backend.devices.find((d) => d.info.usagePage === 0xff8c)?.opens).toBe(0)
    expect(t.backend.devices.find((d) => d.info.usagePage === 1)?.opens).toBe(0)
  })

  it('decodes the recorded Honeywell capture through the device and tags the scanner', async () => {
    const t = await setup([HONEYWELL_POS])
    for (const h of loadHoneywellCapture().reports) t.dev('/dev/hidraw3').feed(h)
    expect(t.scans.map((s) => s.aim)).toEqual([']X0', ']Z6'])
    expect(t.scans[0]?.scannerId).toBe(t.svc.list()[0]?.id)
    expect(t.scans[0]?.text.startsWith('Product Name: Voyager 1602g')).toBe(true)
    expect(t.scans[0]?.parsed.ok).toBe(false) // a menu reply is not a DT code
  })

  it('reads two scanners at once and keeps interleaved multi-report scans apart', async () => {
    const t = await setup([HONEYWELL_POS, ZEBRA_POS])
    const a = hidPosReports(`https://x.io/k?kitId=abc-01-abc&pad=${'a'.repeat(120)}`)
    const b = hidPosReports(`https://y.io/d/${'b'.repeat(100)}/${DEV}`, { size: 62, aimOffset: 1 })
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i]) t.dev('/dev/hidraw3').feed(a[i] as Buffer)
      if (b[i]) t.dev('/dev/hidraw5').feed(b[i] as Buffer)
    }
    const ids = Object.fromEntries(t.svc.list().map((s) => [s.path, s.id]))
    expect(t.scans.map((s) => [s.scannerId, s.parsed.ok && s.parsed.kind])).toEqual([
      [ids['/dev/hidraw3'], 'kit'],
      [ids['/dev/hidraw5'], 'device']
    ])
  })

  it('flags a scanner left in keyboard mode as unsupported_mode with a hint', async () => {
    const t = await setup([{ ...HONEYWELL_POS, productId: 0x1001, path: '/dev/hidraw7', usagePage: 1, usage: 6 }])
    expect(t.svc.list()).toMatchObject([{ state: 'unsupported_mode' }])
    expect(t.svc.list()[0]?.hint).toMatch(/HID POS/)
  })

  it('opens a Linux hidraw node once even when it lists several collections', async () => {
    const t = await setup([HONEYWELL_POS, { ...HONEYWELL_POS, usage: 2 }])
    expect(t.svc.list()).toHaveLength(1)
    expect(t.backend.devices.reduce((n, d) => n + d.opens, 0)).toBe(1)
  })
})

describe('ScannerService re-reads and beeps', () => {
  it('drops re-reads within 1.5 s, counts them, and does not beep for them', async () => {
    const t = await setup([HONEYWELL_POS])
    const d = t.dev('/dev/hidraw3')
    feedScan(d, DEV)
    await t.time.advance(400)
    feedScan(d, DEV)
    await t.time.advance(2000)
    feedScan(d, DEV)
    expect(t.scans).toHaveLength(2)
    expect(t.dropped).toEqual([{ scannerId: t.svc.list()[0]?.id, reason: 'repeat', at: new Date(400) }])
    expect(t.svc.list()[0]).toMatchObject({ scans: 2, droppedRepeats: 1 })
    expect(d.written).toEqual([])
  })

  it('beeps the error report (id 4, 0x20) on Honeywell when a scan is invalid', async () => {
    const t = await setup([HONEYWELL_POS, ZEBRA_POS])
    feedScan(t.dev('/dev/hidraw3'), 'not a dt code!')
    feedScan(t.dev('/dev/hidraw5'), 'not a dt code!')
    await t.time.settle()
    expect(t.dev('/dev/hidraw3').written).toEqual([[0x04, 0x20]])
    expect(t.dev('/dev/hidraw5').written).toEqual([]) // no known beep report for other vendors
  })

  it('beepError on request, false when unknown or unplugged', async () => {
    const t = await setup([HONEYWELL_POS])
    const id = t.svc.list()[0]?.id as string
    expect(await t.svc.beepError(id)).toBe(true)
    expect(await t.svc.beepError('nope')).toBe(false)
    t.dev('/dev/hidraw3').unplug()
    await t.time.settle()
    expect(await t.svc.beepError(id)).toBe(false)
  })
})

describe('ScannerService unplug and replug', () => {
  it('closes on read error, removes listeners, reopens when back, and never doubles a listener', async () => {
    const t = await setup([HONEYWELL_POS])
    const d = t.dev('/dev/hidraw3')
    for (let round = 0; round < 3; round++) {
      d.unplug()
      await t.time.settle()
      expect(d.isOpen).toBe(false)
      expect(d.listenerCount('data')).toBe(0)
      expect(d.listenerCount('error')).toBe(0)
      expect(t.svc.list()[0]?.state).toBe('disconnected')
      await t.time.advance(2000)
      expect(t.svc.list()[0]?.state).toBe('disconnected') // still unplugged: nothing to open
      d.plug()
      await t.time.advance(2000)
      expect(t.svc.list()[0]?.state).toBe('connected')
      expect(d.listenerCount('data')).toBe(1)
      await t.time.advance(2000) // clear the re-read window
    }
    feedScan(d, DEV)
    expect(t.scans).toHaveLength(1)
    expect(d.opens).toBe(4)
    expect(t.statuses.map((s) => s.state)).toEqual(['connected', ...Array(3).fill(['disconnected', 'connected']).flat()])
  })

  it('drops a scan cut off by an unplug and reads the next full one after replug', async () => {
    const t = await setup([HONEYWELL_POS])
    const d = t.dev('/dev/hidraw3')
    const long = hidPosReports(`https://x.io/k/${'k'.repeat(150)}`)
    d.feed(long[0] as Buffer)
    d.feed(long[1] as Buffer)
    d.unplug()
    await t.time.settle()
    d.plug()
    await t.time.advance(2000)
    feedScan(d, DEV)
    expect(t.scans.map((s) => s.text)).toEqual([DEV])
  })

  it('keeps the same scanner id when the hidraw path changes on replug (serial number)', async () => {
    const t = await setup([HONEYWELL_POS])
    const id = t.svc.list()[0]?.id
    t.dev('/dev/hidraw3').unplug()
    await t.time.settle()
    t.backend.devices.splice(0, 1)
    const moved = t.backend.add({ ...HONEYWELL_POS, path: '/dev/hidraw9' })
    await t.time.advance(2000)
    expect(t.svc.list()).toMatchObject([{ id, path: '/dev/hidraw9', state: 'connected' }])
    feedScan(moved, DEV)
    expect(t.scans[0]?.scannerId).toBe(id)
  })
})

describe('ScannerService ids of look-alike scanners', () => {
  // Cheap scanners often ship with one serial for the whole batch, or none at all.
  const TWIN_A: HidDeviceInfo = { ...HONEYWELL_POS, path: '/dev/hidraw3', serialNumber: '0123456789' }
  const TWIN_B: HidDeviceInfo = { ...TWIN_A, path: '/dev/hidraw4' }
  const NO_SERIAL: HidDeviceInfo = { ...ZEBRA_POS, path: '/dev/hidraw5' }
  const EMU = 'emuc909fk1qdqebrvv2jqv0'

  it('reads two scanners that report the same serial, tagging their scans apart', async () => {
    const t = await setup([TWIN_A, TWIN_B])
    const list = t.svc.list()
    expect(list.map((s) => [s.path, s.state])).toEqual([['/dev/hidraw3', 'connected'], ['/dev/hidraw4', 'connected']])
    expect(new Set(list.map((s) => s.id)).size).toBe(2)
    feedScan(t.dev('/dev/hidraw3'), DEV)
    feedScan(t.dev('/dev/hidraw4'), EMU)
    expect(t.scans.map((s) => [s.scannerId, s.text])).toEqual([[list[0]!.id, DEV], [list[1]!.id, EMU]])
    expect(await t.svc.beepError(list[1]!.id)).toBe(true)
    expect([t.dev('/dev/hidraw3').written, t.dev('/dev/hidraw4').written.length]).toEqual([[], 1])
  })

  it('a twin plugged in later is opened too; the first keeps its id', async () => {
    const t = await setup([TWIN_A])
    const firstId = t.svc.list()[0]!.id
    t.backend.add(TWIN_B)
    await t.time.advance(2000)
    const list = t.svc.list()
    expect(list.map((s) => [s.path, s.state])).toEqual([['/dev/hidraw3', 'connected'], ['/dev/hidraw4', 'connected']])
    expect(list[0]!.id).toBe(firstId)
    expect(list[1]!.id).not.toBe(firstId)
    feedScan(t.dev('/dev/hidraw4'), DEV)
    expect(t.scans.map((s) => s.scannerId)).toEqual([list[1]!.id])
  })

  it('replugging a scanner without serial under new paths does not grow the list', async () => {
    const t = await setup([NO_SERIAL])
    for (let n = 6; n < 12; n++) {
      const current = t.backend.devices[0]!
      current.unplug()
      await t.time.settle()
      t.backend.devices.splice(0, 1)
      t.backend.add({ ...NO_SERIAL, path: `/dev/hidraw${n}` })
      await t.time.advance(2000)
      expect(t.svc.list().map((s) => [s.path, s.state])).toEqual([[`/dev/hidraw${n}`, 'connected']])
    }
    feedScan(t.dev('/dev/hidraw11'), DEV)
    expect(t.scans.map((s) => s.scannerId)).toEqual([t.svc.list()[0]!.id])
  })

  it('two unplugged look-alikes, one back under a new path: one connected row and one disconnected row', async () => {
    const t = await setup([NO_SERIAL, { ...NO_SERIAL, path: '/dev/hidraw6' }])
    for (const d of [...t.backend.devices]) d.unplug()
    await t.time.settle()
    t.backend.devices.splice(0, 2)
    t.backend.add({ ...NO_SERIAL, path: '/dev/hidraw7' })
    await t.time.advance(2000)
    expect(t.svc.list().map((s) => s.state).sort()).toEqual(['connected', 'disconnected'])
  })

  it('remembers at most 8 unplugged scanners', async () => {
    const t = await setup([])
    for (let n = 0; n < 12; n++) {
      const d = t.backend.add({ ...HONEYWELL_POS, serialNumber: `SN${n}`, path: `/dev/hidraw${20 + n}` })
      await t.time.advance(2000)
      d.unplug()
      await t.time.settle()
    }
    await t.time.advance(2000)
    const list = t.svc.list()
    expect(list).toHaveLength(8)
    expect(list.every((s) => s.state === 'disconnected')).toBe(true)
    expect(list.map((s) => s.id)).toContain('0c2e:0b87:sn:SN11') // the newest are kept
  })
})

describe('ScannerService failures', () => {
  it('reports permission_denied with the udev hint and retries with backoff until fixed', async () => {
    const backendDevice = { ...ZEBRA_POS }
    const t0 = createFakeHidBackend([backendDevice])
    const dev = t0.devices[0] as FakeHidDevice
    dev.openError = "Failed to open a device with path '/dev/hidraw5': Permission denied"
    const time = manualClock()
    const svc = new ScannerService({ backend: t0, clock: time.clock, pollMs: 1000, maxBackoffMs: 8000, platform: 'linux' })
    service = svc
    const attempts: number[] = []
    const realOpen = t0.open.bind(t0)
    t0.open = async (p) => {
      attempts.push(time.clock.now())
      return realOpen(p)
    }
    await svc.start()
    expect(svc.list()[0]).toMatchObject({ state: 'permission_denied', hint: UDEV_HINT })
    await time.advance(30_000)
    // Backoff 1 s, 2 s, 4 s, 8 s, 8 s …: far fewer attempts than one per poll.
    expect(attempts.slice(0, 5)).toEqual([0, 1000, 3000, 7000, 15000])
    dev.openError = null
    await time.advance(8000)
    expect(svc.list()[0]?.state).toBe('connected')
  })

  it('gives a non-Linux permission hint without udev', async () => {
    const t = createFakeHidBackend([ZEBRA_POS])
    ;(t.devices[0] as FakeHidDevice).openError = 'Access is denied.'
    service = new ScannerService({ backend: t, clock: manualClock().clock, platform: 'win32' })
    await service.start()
    expect(service.list()[0]?.state).toBe('permission_denied')
    expect(service.list()[0]?.hint).not.toMatch(/udev/)
  })

  it('reports a failing enumeration (missing libusb) and recovers', async () => {
    const backend = createFakeHidBackend([HONEYWELL_POS])
    backend.enumerationError = 'libusb-1.0.so.0: cannot open shared object file: No such file or directory'
    const time = manualClock()
    const svc = new ScannerService({ backend, clock: time.clock, pollMs: 1000 })
    service = svc
    const errors: Array<{ hint: string | null }> = []
    svc.on('backend_error', (e) => errors.push(e))
    await svc.start()
    expect(errors[0]?.hint).toMatch(/libusb-1\.0-0/)
    backend.enumerationError = null
    await time.advance(5000)
    expect(svc.list()[0]?.state).toBe('connected')
  })

  it('stop() closes every scanner and stops polling', async () => {
    const t = await setup([HONEYWELL_POS, ZEBRA_POS])
    await t.svc.stop()
    const n = t.backend.enumerations
    await t.time.advance(60_000)
    expect(t.backend.enumerations).toBe(n)
    expect(t.backend.devices.every((d) => !d.isOpen && d.listenerCount('data') === 0)).toBe(true)
    expect(t.svc.list().every((s) => s.state === 'disconnected')).toBe(true)
  })
})

describe('ScannerService keyboard-mode scanners (Linux hidraw, opt-in)', () => {
  const KBD: HidDeviceInfo = { vendorId: 0x05e0, productId: 0x1200, path: '/dev/hidraw8', release: 1, interface: 0, usagePage: 1, usage: 6 }

  it('reads raw keyboard reports when enabled on Linux, flushing a suffix-less scan after silence', async () => {
    const backend = createFakeHidBackend([KBD, OFFICE_KEYBOARD])
    const time = manualClock()
    const svc = new ScannerService({ backend, clock: time.clock, platform: 'linux', readKeyboardScanners: true })
    service = svc
    const scans: ScanEvent[] = []
    svc.on('scan', (s) => scans.push(s))
    await svc.start()
    expect(svc.list()).toMatchObject([{ path: '/dev/hidraw8', state: 'connected' }])
    expect(backend.devices[1]?.opens).toBe(0) // an office keyboard is never opened
    const dev = backend.devices[0] as FakeHidDevice
    for (const r of keyboardReports(']Q1CBVATVI87D5I8S51AAGG')) dev.feed(r)
    for (const r of keyboardReports('fff000', { end: null })) dev.feed(r)
    expect(scans.map((s) => s.text)).toEqual(['CBVATVI87D5I8S51AAGG'])
    await time.advance(150)
    expect(scans.map((s) => [s.text, s.aim, s.parsed.ok && s.parsed.kind])).toEqual([
      ['CBVATVI87D5I8S51AAGG', ']Q1', 'device'],
      ['fff000', null, 'kit']
    ])
  })

  it('leaves keyboard-mode scanners alone on other platforms even when asked', async () => {
    const backend = createFakeHidBackend([KBD])
    service = new ScannerService({ backend, clock: manualClock().clock, platform: 'win32', readKeyboardScanners: true })
    await service.start()
    expect(service.list()).toMatchObject([{ state: 'unsupported_mode' }])
    expect(backend.devices[0]?.opens).toBe(0)
  })
})
