import { decodePayloadBytes, type PayloadEncoding } from '../../../shared/payload'
import { toHex } from './hid-types'

/** One complete scan put together from HID POS input reports. */
export interface HidPosScan {
  text: string
  /** AIM symbology identifier, e.g. `]Q1`. */
  aim: string
  bytes: Uint8Array
  encoding: PayloadEncoding
  /** Honeywell Code ID byte (64-byte layout only), e.g. `s` for QR; null when absent. */
  codeId: string | null
  /** Hex of every report that made up the scan, joined by spaces. */
  rawHex: string
  reports: number
}

export type AssembleResult =
  | { type: 'scan'; scan: HidPosScan }
  | { type: 'partial' }
  | { type: 'ignored'; reason: 'not_scan_report' | 'too_short' | 'no_aim' | 'rest_of_dropped_scan' }
  | { type: 'dropped'; reason: 'too_long' }

export interface AssemblerOptions {
  /** Partial data older than this is thrown away (a lost last report must not glue two scans). */
  idleResetMs?: number
  /** Largest scan kept; beyond this the scan is dropped (hostile or runaway labels). */
  maxBytes?: number
}

const REPORT_ID_SCAN = 0x02
const AIM_FLAG = 0x5d // ']'
const CHUNK = 56

/**
 * Reassembles HID POS scans (report ID 2) from node-hid input reports. One instance per device.
 *
 * Layouts accepted (see docs/scanners.md and the shared HID brief §2.3):
 * - Honeywell, 64 bytes: [0]=2, [1]=len, [2..4]=AIM, [5..60]=data, [61]=code id, [62]=modifier,
 *   [63] bit0 = more reports follow;
 * - 62-byte variant without the two Honeywell bytes: continued bit in the last byte;
 * - AIM at offset 1 (one extra byte before `]`, seen on some non-Honeywell scanners).
 * The continued flag is read from the last byte of the report in every layout.
 */
export class HidPosAssembler {
  private readonly idleResetMs: number
  private readonly maxBytes: number
  private parts: Uint8Array[] = []
  private hex: string[] = []
  private size = 0
  private aim: string | null = null
  private lastAt = 0

  constructor(options: AssemblerOptions = {}) {
    this.idleResetMs = options.idleResetMs ?? 500
    this.maxBytes = options.maxBytes ?? 4096
  }

  /** Feed one input report received at `at` (ms). Never throws. */
  push(report: Uint8Array, at: number): AssembleResult {
    if (report[0] !== REPORT_ID_SCAN) return { type: 'ignored', reason: 'not_scan_report' }
    if (report.length < 7) return { type: 'ignored', reason: 'too_short' }
    const off = report[2] === AIM_FLAG ? 0 : report[3] === AIM_FLAG ? 1 : -1
    if (off < 0) return { type: 'ignored', reason: 'no_aim' }
    const aim = String.fromCharCode(AIM_FLAG, report[3 + off] ?? 0, report[4 + off] ?? 0)
    const honeywell = report.length >= 64
    const dataStart = 5 + off
    // Data ends before the Honeywell code id/modifier (64-byte layout) and the continued byte.
    const dataEnd = Math.min(dataStart + CHUNK, report.length - 1 - (honeywell ? 2 : 0))
    const len = Math.min(report[1] ?? 0, Math.max(0, dataEnd - dataStart))
    const more = ((report[report.length - 1] ?? 0) & 0x01) === 1

    // A new AIM mid-sequence or a long silence means the earlier part lost its tail: start over.
    if (this.hex.length > 0 && (aim !== this.aim || at - this.lastAt > this.idleResetMs)) this.reset()
    this.aim = aim
    this.lastAt = at
    const wasOver = this.size > this.maxBytes
    this.size += len
    if (this.size > this.maxBytes) {
      // Keep swallowing the rest of an oversized scan (without storing it) so its tail is not
      // read as a new scan; the size stays above the cap until the last report resets it.
      // One scan is one 'dropped' (one error beep), however many reports it still sends.
      this.parts = []
      this.hex = ['']
      if (!more) this.reset()
      return wasOver ? { type: 'ignored', reason: 'rest_of_dropped_scan' } : { type: 'dropped', reason: 'too_long' }
    }
    this.parts.push(report.slice(dataStart, dataStart + len))
    this.hex.push(toHex(report))
    if (more) return { type: 'partial' }

    const bytes = new Uint8Array(this.size)
    let pos = 0
    for (const p of this.parts) {
      bytes.set(p, pos)
      pos += p.length
    }
    const codeByte = honeywell && off === 0 ? report[61] : undefined
    const { text, encoding } = decodePayloadBytes(bytes)
    const scan: HidPosScan = {
      text,
      aim,
      bytes,
      encoding,
      codeId: codeByte !== undefined && codeByte >= 0x21 && codeByte <= 0x7e ? String.fromCharCode(codeByte) : null,
      rawHex: this.hex.join(' '),
      reports: this.hex.length
    }
    this.reset()
    return { type: 'scan', scan }
  }

  /** True while a multi-report scan is incomplete. */
  get pending(): boolean {
    return this.hex.length > 0
  }

  /** Forget any partial scan (device closed or unplugged). */
  reset(): void {
    this.parts = []
    this.hex = []
    this.size = 0
    this.aim = null
  }
}
