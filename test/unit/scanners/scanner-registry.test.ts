import { describe, expect, it } from 'vitest'
import type { HidDeviceInfo } from '../../../electron/core/scanners/hid-types'
import { listScanners, MAX_STALE_SCANNERS, ScannerRegistry, type ListedScanner, type ScannerEntry } from '../../../electron/core/scanners/scanner-registry'

const POS: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b87, path: '/dev/hidraw3', serialNumber: 'SN', release: 1, interface: 0, usagePage: 0x8c, usage: 2 }
const KBD: HidDeviceInfo = { ...POS, usagePage: 1, usage: 6 }

function entry(l: ListedScanner, id: string): ScannerEntry {
  const status = { id, path: l.path, vendorId: l.d.vendorId, productId: l.d.productId, product: null, state: 'disconnected' as const, hint: null, scans: 0, droppedRepeats: 0 }
  return { status, info: l.d, handle: null, detach: null, decoder: null as never, flushTimer: null, failures: 0, nextTryAt: 0 }
}

describe('listScanners', () => {
  it('keeps one scanner per path, HID POS before a keyboard collection on the same node', () => {
    const out = listScanners([KBD, POS, { ...POS, usage: 1 }, { ...KBD, path: '/dev/hidraw4' }])
    expect(out.map((l) => [l.path, l.keyboard])).toEqual([['/dev/hidraw3', false], ['/dev/hidraw4', true]])
  })
})

describe('ScannerRegistry', () => {
  it('uses the serial id only when the serial is unique among listed scanners of the model', () => {
    const r = new ScannerRegistry(() => {})
    const one = r.assign(listScanners([POS]), entry)
    expect(one.map((e) => e.status.id)).toEqual(['0c2e:0b87:sn:SN'])
    const twins = new ScannerRegistry(() => {}).assign(listScanners([POS, { ...POS, path: '/dev/hidraw4' }]), entry)
    expect(twins.map((e) => e.status.id)).toEqual(['0c2e:0b87:path:/dev/hidraw3', '0c2e:0b87:path:/dev/hidraw4'])
  })

  it('reuses the serial entry after a replug under a new path', () => {
    const r = new ScannerRegistry(() => {})
    const [first] = r.assign(listScanners([POS]), entry)
    const [again] = r.assign(listScanners([{ ...POS, path: '/dev/hidraw9' }]), entry)
    expect(again).toBe(first)
    expect(r.values()).toHaveLength(1)
  })

  it('a new entry replaces a stale one of the same model and serial; the cap forgets the oldest', () => {
    const forgotten: string[] = []
    const r = new ScannerRegistry((e) => forgotten.push(e.status.id))
    const noSerial = { ...POS, serialNumber: undefined }
    r.assign(listScanners([noSerial]), entry)
    r.assign(listScanners([{ ...noSerial, path: '/dev/hidraw7' }]), entry)
    expect(r.values().map((e) => e.status.id)).toEqual(['0c2e:0b87:path:/dev/hidraw7'])
    expect(forgotten).toEqual(['0c2e:0b87:path:/dev/hidraw3'])
    for (let n = 0; n < MAX_STALE_SCANNERS + 3; n++) r.assign(listScanners([{ ...POS, serialNumber: `S${n}` }]), entry)
    r.capStale(new Set())
    expect(r.values()).toHaveLength(MAX_STALE_SCANNERS)
    expect(r.get(`0c2e:0b87:sn:S${MAX_STALE_SCANNERS + 2}`)).toBeDefined()
  })
})
