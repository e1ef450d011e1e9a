import type { ScannerStatus } from '../../../shared/contract/scanners'
import type { DeviceDecoder } from './device-decoder'
import { isHidPosScanner, type HidAsyncDevice, type HidDeviceInfo } from './hid-types'
import { looksLikeKeyboardModeScanner, scannerIdFor, scannerModelKey } from './scanner-hints'

/** Unplugged scanners remembered for the status list (so an operator sees what went away). */
export const MAX_STALE_SCANNERS = 8

/** What the scanner service keeps per scanner. */
export interface ScannerEntry {
  status: ScannerStatus
  info: HidDeviceInfo
  handle: HidAsyncDevice | null
  detach: (() => void) | null
  decoder: DeviceDecoder
  flushTimer: unknown
  failures: number
  nextTryAt: number
}

/** One scanner in a device listing: a HID POS collection, or a keyboard-mode scanner. */
export interface ListedScanner {
  d: HidDeviceInfo
  path: string
  keyboard: boolean
}

/** The scanners in a node-hid listing, one per path (HID POS wins over a keyboard collection). */
export function listScanners(all: readonly HidDeviceInfo[]): ListedScanner[] {
  const out: ListedScanner[] = []
  const paths = new Set<string>()
  for (const d of all.filter(isHidPosScanner)) {
    if (paths.has(d.path as string)) continue // hidraw lists one entry per collection on the same node
    paths.add(d.path as string)
    out.push({ d, path: d.path as string, keyboard: false })
  }
  for (const d of all.filter(looksLikeKeyboardModeScanner)) {
    if (d.path === undefined || paths.has(d.path)) continue // same node also has a HID POS collection
    paths.add(d.path)
    out.push({ d, path: d.path, keyboard: true })
  }
  return out
}

/**
 * The scanner service's entries by scanner id, and the rules that tie a listed device to one.
 * Cheap scanners may share a serial (or have none), and a Linux hidraw path changes on replug, so:
 * an open handle stays with its path (and keeps its id); else the serial id is used when the
 * serial is unique among listed scanners of that model; else the path id. A new entry replaces
 * one stale entry of the same model and serial (the device back under a new path), and at most
 * MAX_STALE_SCANNERS unplugged ones are remembered.
 */
export class ScannerRegistry {
  private readonly entries = new Map<string, ScannerEntry>()

  /** `onForget` runs before an entry is dropped (cancel its timers, forget its re-read state). */
  constructor(private readonly onForget: (entry: ScannerEntry) => void) {}

  get(id: string): ScannerEntry | undefined {
    return this.entries.get(id)
  }

  values(): ScannerEntry[] {
    return [...this.entries.values()]
  }

  /** The entry of each listed scanner, in order; `create` makes a missing one under `id`. */
  assign(listed: readonly ListedScanner[], create: (scanner: ListedScanner, id: string) => ScannerEntry): ScannerEntry[] {
    const perModel = new Map<string, number>()
    for (const { d } of listed) perModel.set(scannerModelKey(d), (perModel.get(scannerModelKey(d)) ?? 0) + 1)
    const paths = new Set(listed.map((l) => l.path))
    const taken = new Set<ScannerEntry>()
    return listed.map((l) => {
      const e = this.match(l, perModel.get(scannerModelKey(l.d)) === 1, paths, taken, create)
      taken.add(e)
      return e
    })
  }

  /** Keep at most MAX_STALE_SCANNERS handle-less entries not in `listed` (oldest go first). */
  capStale(listed: ReadonlySet<ScannerEntry>): void {
    const stale = this.values().filter((e) => !e.handle && !listed.has(e))
    for (const e of stale.slice(0, Math.max(0, stale.length - MAX_STALE_SCANNERS))) this.forget(e)
  }

  private match(
    l: ListedScanner,
    serialUnique: boolean,
    paths: ReadonlySet<string>,
    taken: ReadonlySet<ScannerEntry>,
    create: (scanner: ListedScanner, id: string) => ScannerEntry
  ): ScannerEntry {
    const open = this.values().find((e) => e.handle && e.status.path === l.path && !taken.has(e))
    if (open) return open
    // An entry held open at another listed path belongs to that device, not this one.
    const usable = (e: ScannerEntry | undefined): e is ScannerEntry =>
      e !== undefined && !taken.has(e) && !(e.handle && e.status.path !== l.path && paths.has(e.status.path))
    const candidates = [...new Set([scannerIdFor(l.d, serialUnique), scannerIdFor(l.d, false)])]
    for (const id of candidates) {
      const e = this.entries.get(id)
      if (usable(e)) return e
    }
    const model = scannerModelKey(l.d)
    const stale = this.values().find((e) => !e.handle && !taken.has(e) && !paths.has(e.status.path) && scannerModelKey(e.info) === model)
    if (stale) this.forget(stale)
    const base = candidates.at(-1) as string
    let id = candidates.find((c) => !this.entries.has(c))
    for (let n = 2; id === undefined; n++) if (!this.entries.has(`${base}#${n}`)) id = `${base}#${n}`
    const e = create(l, id)
    this.entries.set(id, e)
    return e
  }

  private forget(entry: ScannerEntry): void {
    this.onForget(entry)
    this.entries.delete(entry.status.id)
  }
}
