import { EventEmitter } from 'node:events'
import type { ScannerStatus } from '../../../shared/contract/scanners'
import { parsePayload } from '../../../shared/payload'
import { supportsErrorBeep, HONEYWELL_ERROR_BEEP } from './honeywell'
import { createHidPosDecoder, createKeyboardDecoder, type DecoderOutput } from './device-decoder'
import type { HidAsyncDevice, HidBackend, HidDeviceInfo } from './hid-types'
import { ReReadFilter } from './re-read-filter'
import * as hints from './scanner-hints'
import { listScanners, ScannerRegistry, type ListedScanner, type ScannerEntry } from './scanner-registry'
import { systemClock, type DroppedEvent, type ScanEvent, type ScannerServiceEvents, type ScannerServiceOptions, type ServiceClock } from './scanner-service-types'

export type { DroppedEvent, ScanEvent, ScannerServiceEvents, ScannerServiceOptions, ServiceClock } from './scanner-service-types'

type Entry = ScannerEntry

/**
 * Finds USB HID POS scanners (usage page 0x8C, usage 2: matched on usage, never on a VID list),
 * opens each by path, reads all at once, and emits 'scan' (ScanEvent), 'dropped' (DroppedEvent),
 * 'status' (ScannerStatus) and 'backend_error' ({ message, hint }).
 *
 * node-hid has no hot-plug events: a read error is the unplug signal. The handle is then closed and
 * its listeners removed, and slow polling of devicesAsync() reopens the device when it is back.
 * A device never gets a second data listener: listeners are attached only to a freshly opened
 * handle of an entry that has none, and removed on every disconnect.
 */
export class ScannerService extends EventEmitter<ScannerServiceEvents> {
  private readonly backend: HidBackend
  private readonly clock: ServiceClock
  private readonly pollMs: number
  private readonly maxBackoffMs: number
  private readonly beepOnInvalid: boolean
  private readonly platform: string
  private readonly readKeyboards: boolean
  private readonly log: (message: string, detail?: unknown) => void
  private readonly filter: ReReadFilter
  private readonly registry = new ScannerRegistry((e) => {
    this.cancelFlush(e)
    this.filter.forget(e.status.id)
  })
  private timer: unknown = null
  private running = false
  private pass: Promise<void> | null = null
  private enumFailures = 0

  constructor(options: ScannerServiceOptions) {
    super()
    this.backend = options.backend
    this.clock = options.clock ?? systemClock
    this.pollMs = options.pollMs ?? 3000
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000
    this.beepOnInvalid = options.beepOnInvalid ?? true
    this.platform = options.platform ?? process.platform
    this.readKeyboards = (options.readKeyboardScanners ?? false) && this.platform === 'linux'
    this.log = options.log ?? (() => {})
    this.filter = new ReReadFilter(options.reReadWindowMs ?? 1500)
  }

  /** Discover and open scanners now, then keep polling for plug/unplug. */
  async start(): Promise<void> {
    if (this.running) return
    this.running = true
    await this.rescan()
    this.schedule()
  }

  /** Stop polling and close every open scanner. */
  async stop(): Promise<void> {
    this.running = false
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    await this.pass
    await Promise.all([...this.registry.values()].map((e) => this.release(e, 'disconnected', 'Scanner service stopped.')))
  }

  /** Current status of every scanner seen since start. */
  list(): ScannerStatus[] {
    return [...this.registry.values()].map((e) => ({ ...e.status, droppedRepeats: this.filter.droppedFor(e.status.id) }))
  }

  /** Sound the scanner's error beep (Honeywell output report 4). False when unsupported or closed. */
  async beepError(scannerId: string): Promise<boolean> {
    const e = this.registry.get(scannerId)
    if (!e?.handle || !supportsErrorBeep(e.info)) return false
    try {
      await e.handle.write([...HONEYWELL_ERROR_BEEP])
      return true
    } catch {
      return false
    }
  }

  /** One discovery pass (also the hook for `usb` attach events). Concurrent calls share one pass. */
  rescan(): Promise<void> {
    this.pass ??= this.discover().finally(() => {
      this.pass = null
    })
    return this.pass
  }

  private schedule(): void {
    if (!this.running) return
    const delay = this.enumFailures > 0 ? this.backoff(this.enumFailures) : this.pollMs
    this.timer = this.clock.setTimeout(() => {
      void this.rescan().then(() => this.schedule())
    }, delay)
  }

  private backoff(failures: number): number {
    return Math.min(this.maxBackoffMs, this.pollMs * 2 ** Math.max(0, failures - 1))
  }

  private async discover(): Promise<void> {
    let all: HidDeviceInfo[]
    try {
      all = await this.backend.devicesAsync()
      this.enumFailures = 0
    } catch (err) {
      this.enumFailures++
      const message = err instanceof Error ? err.message : String(err)
      this.log('scanners: listing HID devices failed', message)
      this.emit('backend_error', { message, hint: hints.isMissingLibusb(message) ? hints.LIBUSB_HINT : null })
      return
    }
    const listed = listScanners(all)
    const assigned = this.registry.assign(listed, (l, id) => this.newEntry(l, id))
    const seen = new Set(assigned)
    for (const [i, entry] of assigned.entries()) {
      const { d, path, keyboard } = listed[i] as ListedScanner
      entry.info = d
      entry.status.path = path
      if (keyboard && !this.readKeyboards) this.setState(entry, 'unsupported_mode', hints.KEYBOARD_MODE_HINT)
      else if (!entry.handle && this.running && this.clock.now() >= entry.nextTryAt) await this.open(entry)
    }
    for (const e of this.registry.values()) {
      if (!seen.has(e) && !e.handle && e.status.state !== 'disconnected') this.setState(e, 'disconnected', 'Not plugged in.')
    }
    this.registry.capStale(seen)
  }

  private newEntry({ d, path, keyboard }: ListedScanner, id: string): Entry {
    const state: ScannerStatus['state'] = keyboard && !this.readKeyboards ? 'unsupported_mode' : 'disconnected'
    const status: ScannerStatus = {
      id,
      path,
      vendorId: d.vendorId,
      productId: d.productId,
      product: d.product ?? null,
      state,
      hint: null,
      scans: 0,
      droppedRepeats: 0
    }
    const decoder = keyboard ? createKeyboardDecoder() : createHidPosDecoder()
    return { status, info: d, handle: null, detach: null, decoder, flushTimer: null, failures: 0, nextTryAt: 0 }
  }

  private async open(entry: Entry): Promise<void> {
    let handle: HidAsyncDevice
    try {
      handle = await this.backend.open(entry.status.path)
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      this.log(`scanners: cannot open ${entry.status.path}`, message)
      entry.failures++
      entry.nextTryAt = this.clock.now() + this.backoff(entry.failures)
      if (hints.isPermissionError(message)) this.setState(entry, 'permission_denied', hints.permissionHint(this.platform))
      else this.setState(entry, 'error', `Cannot open the scanner: ${message}`)
      return
    }
    if (!this.running || entry.handle) {
      await handle.close().catch(() => undefined)
      return
    }
    entry.failures = 0
    const onError = (err: Error): void => {
      if (entry.handle !== handle) return
      void this.release(entry, 'disconnected', `Unplugged or read error (${err.message}); reconnects when it is back.`)
    }
    const onData = (data: Buffer): void => {
      if (entry.handle === handle) this.onReport(entry, data)
    }
    // 'error' before 'data': adding the first data listener starts the read loop, and an error
    // emitted with no listener would throw out of the EventEmitter.
    handle.on('error', onError)
    handle.on('data', onData)
    entry.handle = handle
    entry.detach = () => {
      handle.off('data', onData)
      handle.off('error', onError)
    }
    entry.decoder.reset()
    this.setState(entry, 'connected', entry.decoder.mode === 'keyboard' ? hints.KEYBOARD_READ_HINT : null)
  }

  private async release(entry: Entry, state: ScannerStatus['state'], hint: string): Promise<void> {
    const handle = entry.handle
    entry.detach?.()
    entry.detach = null
    entry.handle = null
    this.cancelFlush(entry)
    entry.decoder.reset()
    this.filter.forget(entry.status.id)
    if (entry.status.state !== 'unsupported_mode') this.setState(entry, state, hint)
    if (handle) await handle.close().catch(() => undefined) // closing an unplugged device may fail
  }

  private onReport(entry: Entry, data: Uint8Array): void {
    const at = this.clock.now()
    this.cancelFlush(entry)
    this.deliver(entry, entry.decoder.push(data, at), at)
    const wait = entry.decoder.flushAfterMs()
    if (wait !== null) {
      entry.flushTimer = this.clock.setTimeout(() => {
        entry.flushTimer = null
        this.deliver(entry, entry.decoder.flush(this.clock.now()), this.clock.now())
      }, wait)
    }
  }

  private cancelFlush(entry: Entry): void {
    if (entry.flushTimer !== null) this.clock.clearTimeout(entry.flushTimer)
    entry.flushTimer = null
  }

  private deliver(entry: Entry, out: DecoderOutput, at: number): void {
    const id = entry.status.id
    if (out.type === 'dropped') {
      this.emit('dropped', { scannerId: id, reason: 'too_long', at: new Date(at) } satisfies DroppedEvent)
      void this.beepError(id)
      return
    }
    if (out.type !== 'scan') return
    const { text, aim, codeId, rawHex } = out
    if (!this.filter.accept(id, text, at)) {
      this.emit('dropped', { scannerId: id, reason: 'repeat', at: new Date(at) } satisfies DroppedEvent)
      return
    }
    entry.status.scans++
    const parsed = parsePayload(text, { aim })
    this.emit('scan', { scannerId: id, text, aim, codeId, rawHex, at: new Date(at), parsed } satisfies ScanEvent)
    if (!parsed.ok && this.beepOnInvalid) void this.beepError(id)
  }

  private setState(entry: Entry, state: ScannerStatus['state'], hint: string | null): void {
    if (entry.status.state === state && entry.status.hint === hint) return
    entry.status.state = state
    entry.status.hint = hint
    this.emit('status', { ...entry.status, droppedRepeats: this.filter.droppedFor(entry.status.id) })
  }
}

/** Factory used by the composition root (electron/core/create-core.ts). */
export function createScannerService(options: ScannerServiceOptions): ScannerService {
  return new ScannerService(options)
}
