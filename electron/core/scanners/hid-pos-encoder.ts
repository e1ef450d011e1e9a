/** Report layout to produce; see hid-pos-assembler.ts for what each one is. */
export interface HidPosLayout {
  /** 64 = Honeywell (code id + modifier + continued byte), 62 = variant without the Honeywell bytes. */
  size?: 64 | 62
  /** 1 = one extra byte between the length byte and the AIM. */
  aimOffset?: 0 | 1
  /** AIM symbology identifier, default `]Q1` (QR model 2). */
  aim?: string
  /** Honeywell code id byte (64-byte layout), default `s` (QR). */
  codeId?: number
  modifier?: number
}

/**
 * The input reports a HID POS scanner sends for one scan: the inverse of HidPosAssembler. Used to
 * simulate scans (fake scanner in the browser harness, training) and by tests; checked byte for
 * byte against the recorded Honeywell capture in test/unit/scanners/hid-pos-assembler.test.ts.
 */
export function encodeHidPosReports(payload: Uint8Array | string, layout: HidPosLayout = {}): Buffer[] {
  const size = layout.size ?? 64
  const off = layout.aimOffset ?? 0
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload)
  const aim = Buffer.from(layout.aim ?? ']Q1', 'latin1')
  const dataStart = 5 + off
  const dataEnd = Math.min(dataStart + 56, size - 1 - (size === 64 ? 2 : 0))
  const chunk = dataEnd - dataStart
  const reports: Buffer[] = []
  for (let pos = 0; pos === 0 || pos < bytes.length; pos += chunk) {
    const part = bytes.subarray(pos, pos + chunk)
    const r = Buffer.alloc(size)
    r[0] = 0x02
    r[1] = part.length
    aim.copy(r, 2 + off)
    part.copy(r, dataStart)
    if (size === 64) {
      r[61] = layout.codeId ?? 0x73
      r[62] = layout.modifier ?? 0x00
    }
    r[size - 1] = pos + chunk < bytes.length ? 0x01 : 0x00
    reports.push(r)
  }
  return reports
}
