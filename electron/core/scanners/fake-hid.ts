import { EventEmitter } from 'node:events'
import type { HidAsyncDevice, HidBackend, HidDeviceInfo } from './hid-types'

const READ_ERROR = 'could not read from HID device'
const CLOSED = 'Cannot access closed device'

/**
 * A HID device for tests and the browser harness: the same surface as node-hid's `HIDAsync`
 * (open via the backend, close, 'data'/'error' events, write, feature reports, getDeviceInfo,
 * pause/resume) plus controls to feed recorded reports and to unplug/replug it.
 *
 * Reading follows node-hid: reports are delivered only while the device is open, plugged, not
 * paused, not stopped by an earlier read error, and has a 'data' listener (no buffering otherwise).
 * A read error is emitted once and stops the read loop until the device is opened again. The same
 * object is returned by every open of its path, so a service that forgets to remove its listeners
 * on disconnect ends up with two of them — the duplicate-scan bug this fake exists to catch.
 */
export class FakeHidDevice extends EventEmitter implements HidAsyncDevice {
  readonly info: HidDeviceInfo
  /** Output reports written by the host, in order. */
  readonly written: number[][] = []
  readonly featureReportsSent: number[][] = []
  /** Replies for getFeatureReport by report id. */
  readonly featureReplies = new Map<number, number[]>()
  /** When set, open() rejects with this message (e.g. a permission error). */
  openError: string | null = null
  plugged = true
  isOpen = false
  paused = false
  opens = 0
  /** Reports fed while nobody was reading; they are lost, as with node-hid. */
  lostReports = 0
  private readStopped = false

  constructor(info: HidDeviceInfo) {
    super()
    this.info = { ...info }
  }

  /** Called by the fake backend's open(). */
  markOpened(): void {
    this.isOpen = true
    this.readStopped = false
    this.paused = false
    this.opens++
  }

  /** Deliver one input report (Buffer, bytes or hex string). Returns whether anyone got it. */
  feed(report: Uint8Array | number[] | string): boolean {
    const buf = typeof report === 'string' ? Buffer.from(report.replace(/\s+/g, ''), 'hex') : Buffer.from(report)
    if (!this.reading()) {
      this.lostReports++
      return false
    }
    this.emit('data', buf)
    return true
  }

  /** Fail the read loop the way node-hid does (one 'error', then silence). */
  fail(message = READ_ERROR): void {
    if (!this.isOpen || this.readStopped) return
    this.readStopped = true
    this.emit('error', new Error(message))
  }

  /** Pull the cable: the open handle's read fails; the device leaves the enumeration. */
  unplug(): void {
    this.fail()
    this.plugged = false
  }

  /** Plug it back in: it shows up in the next devicesAsync(); the host must open it again. */
  plug(): void {
    this.plugged = true
  }

  async close(): Promise<void> {
    if (!this.isOpen) throw new Error(CLOSED)
    this.isOpen = false
  }
  pause(): void {
    this.paused = true
  }
  resume(): void {
    this.paused = false
  }
  async write(values: number[] | Buffer): Promise<number> {
    this.assertUsable()
    this.written.push([...values])
    return values.length
  }
  async sendFeatureReport(data: number[] | Buffer): Promise<number> {
    this.assertUsable()
    this.featureReportsSent.push([...data])
    return data.length
  }
  async getFeatureReport(reportId: number, reportLength: number): Promise<Buffer> {
    this.assertUsable()
    const reply = this.featureReplies.get(reportId) ?? [reportId]
    return Buffer.from([...reply, ...new Array<number>(Math.max(0, reportLength - reply.length)).fill(0)].slice(0, reportLength))
  }
  async getDeviceInfo(): Promise<HidDeviceInfo> {
    this.assertUsable()
    return { ...this.info }
  }

  private reading(): boolean {
    return this.isOpen && this.plugged && !this.paused && !this.readStopped && this.listenerCount('data') > 0
  }
  private assertUsable(): void {
    if (!this.isOpen) throw new Error(CLOSED)
    if (!this.plugged) throw new Error('could not write to HID device')
  }
}

/** A fake node-hid: devicesAsync() lists plugged devices, open(path) opens one. */
export interface FakeHidBackend extends HidBackend {
  readonly devices: FakeHidDevice[]
  add(info: HidDeviceInfo): FakeHidDevice
  /** Number of devicesAsync() calls so far. */
  enumerations: number
  /** When set, devicesAsync() rejects with this message (e.g. the missing-libusb error). */
  enumerationError: string | null
}

export function createFakeHidBackend(initial: HidDeviceInfo[] = []): FakeHidBackend {
  const backend: FakeHidBackend = {
    devices: [],
    enumerations: 0,
    enumerationError: null,
    add(info) {
      const d = new FakeHidDevice(info)
      backend.devices.push(d)
      return d
    },
    async devicesAsync() {
      backend.enumerations++
      if (backend.enumerationError) throw new Error(backend.enumerationError)
      return backend.devices.filter((d) => d.plugged).map((d) => ({ ...d.info }))
    },
    async open(path) {
      const d = backend.devices.find((x) => x.plugged && x.info.path === path)
      if (!d) throw new Error(`cannot open device with path ${path}`)
      if (d.openError) throw new Error(`cannot open device with path ${path}: ${d.openError}`)
      d.markOpened()
      return d
    }
  }
  for (const info of initial) backend.add(info)
  return backend
}
