import type { HidDeviceInfo } from './hid-types'

/**
 * Operator/technician wording for scanner states, and the heuristics that pick a state from what
 * node-hid reports. Kept apart from the service so the CLI prints the same sentences.
 */

/** USB vendor IDs of common scanner makers (Honeywell, HHP, Youjie, Zebra, Datalogic, Newland, Intermec). */
export const SCANNER_VENDOR_IDS: readonly number[] = [0x0c2e, 0x0536, 0x23d0, 0x05e0, 0x05f9, 0x080c, 0x1eab, 0x067e]

export const UDEV_HINT =
  'Permission denied: install resources/udev/70-dock-claim-scanners.rules into /etc/udev/rules.d/, run ' +
  '`sudo udevadm control --reload-rules && sudo udevadm trigger`, then unplug and replug the scanner.'

export const KEYBOARD_MODE_HINT =
  'This scanner is in USB keyboard mode. Scan its "USB HID POS" setup code (vendor guide; see docs/scanners.md) ' +
  'or keep using it as a keyboard: scans then arrive through the window (keyboard-wedge input).'

export const KEYBOARD_READ_HINT =
  'Keyboard mode, read through Linux hidraw (diagnostics only): its keystrokes also reach the focused window.'

export function permissionHint(platform: string): string {
  return platform === 'linux'
    ? UDEV_HINT
    : 'Permission denied: another program may hold the scanner, or the OS refused access; close other scanner software and replug.'
}

/** True when an open error means "not allowed" rather than "not there". */
export function isPermissionError(message: string): boolean {
  return /permission denied|eacces|access is denied|access denied|not permitted/i.test(message)
}

/** True when an enumeration error is the missing-libusb failure of node-hid's Linux prebuilds. */
export function isMissingLibusb(message: string): boolean {
  return /libusb-1\.0\.so/.test(message)
}

export const LIBUSB_HINT =
  "node-hid's Linux binary needs libusb and libudev: `sudo apt-get install -y libusb-1.0-0 libudev1` (Debian/Ubuntu)."

/** A keyboard collection from a known scanner maker: the scanner is in keyboard (wedge) mode. */
export function looksLikeKeyboardModeScanner(d: HidDeviceInfo): boolean {
  return d.usagePage === 0x01 && d.usage === 0x06 && SCANNER_VENDOR_IDS.includes(d.vendorId)
}

/**
 * Scanner id. The serial number survives replugging (a Linux hidraw path may change from
 * /dev/hidraw3 to /dev/hidraw4), but cheap scanners often share one serial (or report none), so
 * it is used only when `serialUnique` (no other listed scanner of the same model reports it);
 * otherwise the path is all that tells two devices apart.
 */
export function scannerIdFor(d: HidDeviceInfo, serialUnique = true): string {
  const vidPid = `${hex4(d.vendorId)}:${hex4(d.productId)}`
  return d.serialNumber && serialUnique ? `${vidPid}:sn:${d.serialNumber}` : `${vidPid}:path:${d.path ?? '?'}`
}

/** Model + serial (empty when none): devices with the same key cannot be told apart but by path. */
export function scannerModelKey(d: HidDeviceInfo): string {
  return `${hex4(d.vendorId)}:${hex4(d.productId)}:${d.serialNumber ?? ''}`
}

export function hex4(n: number): string {
  return n.toString(16).padStart(4, '0')
}
