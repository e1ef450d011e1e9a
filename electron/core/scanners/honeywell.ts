import type { HidDeviceInfo } from './hid-types'

/**
 * Honeywell-specific HID POS reports (from Honeywell's firmware descriptor and host SDK; see the
 * shared HID brief §2.3). Youjie (0x23D0) and Hand Held Products (0x0536) are Honeywell brands.
 */
export const HONEYWELL_VENDOR_IDS: readonly number[] = [0x0c2e, 0x0536, 0x23d0]

/** Output report ID 4, bit 0x20: sound the scanner's error beep. Exactly 2 bytes long. */
export const HONEYWELL_ERROR_BEEP: readonly number[] = [0x04, 0x20]

/**
 * Feature report 0xFE "Output Redirection" ([0xFE, 1]) moves a keyboard-mode Honeywell's scans to
 * its HID POS interface. Not verified on hardware, so the service does not send it; listed for the
 * technician docs and a future setting.
 */
export const HONEYWELL_OUTPUT_REDIRECTION: readonly number[] = [0xfe, 0x01]

/** Whether the error-beep output report can be sent to this device. */
export function supportsErrorBeep(d: Pick<HidDeviceInfo, 'vendorId'>): boolean {
  return HONEYWELL_VENDOR_IDS.includes(d.vendorId)
}
