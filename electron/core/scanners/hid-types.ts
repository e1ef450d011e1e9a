/**
 * The slice of node-hid 3.x the scanner service uses, restated as interfaces so the service can be
 * driven by the real binding (node-hid-backend.ts) or by the fake (fake-hid.ts) without importing
 * the native module. Names and signatures mirror node-hid's `Device` and `HIDAsync`.
 */

/** One entry of `devicesAsync()`: one top-level HID collection. */
export interface HidDeviceInfo {
  vendorId: number
  productId: number
  path?: string | undefined
  serialNumber?: string | undefined
  manufacturer?: string | undefined
  product?: string | undefined
  release: number
  interface: number
  /** node-hid sets usagePage/usage only when non-zero. */
  usagePage?: number | undefined
  usage?: number | undefined
}

/** An open device, as node-hid's `HIDAsync` (an EventEmitter emitting 'data' and 'error'). */
export interface HidAsyncDevice {
  on(event: 'data', listener: (data: Buffer) => void): this
  on(event: 'error', listener: (err: Error) => void): this
  off(event: 'data', listener: (data: Buffer) => void): this
  off(event: 'error', listener: (err: Error) => void): this
  listenerCount(event: string): number
  close(): Promise<void>
  pause(): void
  resume(): void
  write(values: number[] | Buffer): Promise<number>
  sendFeatureReport(data: number[] | Buffer): Promise<number>
  getFeatureReport(reportId: number, reportLength: number): Promise<Buffer>
  getDeviceInfo(): Promise<HidDeviceInfo>
}

/** What the scanner service needs from a HID library: enumerate, open by path. */
export interface HidBackend {
  devicesAsync(): Promise<HidDeviceInfo[]>
  open(path: string): Promise<HidAsyncDevice>
}

/** HID POS "Bar Code Scanner" usage page and its application collection usage. */
export const HID_POS_USAGE_PAGE = 0x8c
export const HID_POS_USAGE_SCANNER = 0x02

/** True for a HID POS scanner collection. Vendor pages such as Honeywell ReM (0xFF8C) are not. */
export function isHidPosScanner(d: HidDeviceInfo): boolean {
  return d.usagePage === HID_POS_USAGE_PAGE && d.usage === HID_POS_USAGE_SCANNER && typeof d.path === 'string'
}

/** Lower-case hex of bytes, for logs and the `rawHex` of a scan. */
export function toHex(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += b.toString(16).padStart(2, '0')
  return s
}
