import type { HidAsyncDevice, HidBackend, HidDeviceInfo } from './hid-types'
import { isMissingLibusb, LIBUSB_HINT } from './scanner-hints'

type NodeHid = typeof import('node-hid')

/**
 * The real node-hid, loaded on first use (dynamic import) so that tests and machines without scanners never load
 * the native binding. On Linux node-hid's prebuilt binary needs libusb-1.0 and libudev; without
 * libusb `require` still works but the first call throws "libusb-1.0.so.0: cannot open shared
 * object file", which is turned into an error that says what to install.
 */
export function createNodeHidBackend(options: { driver?: 'hidraw' | 'libusb' } = {}): HidBackend {
  let hid: NodeHid | null = null
  const load = async (): Promise<NodeHid> => {
    if (hid) return hid
    try {
      // Dynamic import works from the CommonJS bundle, tsx and vitest alike; node-hid is CommonJS.
      const mod = (await import('node-hid')) as NodeHid & { default?: NodeHid }
      hid = mod.default ?? mod
    } catch (err) {
      throw new Error(`node-hid could not be loaded (${messageOf(err)}); HID POS scanners are unavailable on this machine.`)
    }
    // hidraw (the default) does not detach the kernel driver; it must be chosen before first use.
    if (process.platform === 'linux' && options.driver) hid.setDriverType(options.driver)
    return hid
  }
  const explain = (err: unknown): Error => {
    const message = messageOf(err)
    return new Error(isMissingLibusb(message) ? `${message}. ${LIBUSB_HINT}` : message)
  }
  return {
    async devicesAsync(): Promise<HidDeviceInfo[]> {
      try {
        return await (await load()).devicesAsync()
      } catch (err) {
        throw explain(err)
      }
    },
    async open(path: string): Promise<HidAsyncDevice> {
      try {
        return (await (await load()).HIDAsync.open(path)) as unknown as HidAsyncDevice
      } catch (err) {
        throw explain(err)
      }
    }
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
