import { test as base, expect, type Page } from '@playwright/test'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore, type Core, type CoreOptions } from '../../electron/core/create-core'
import { createFakeHidBackend, type FakeHidBackend, type FakeHidDevice } from '../../electron/core/scanners/fake-hid'
import { startHarness, type Harness } from '../../electron/harness/harness-server'

/**
 * The browser-test fixture: a real core (real SQLite file in a temp dir, the DT simulator over
 * real HTTP, a fake HID backend with node-hid's interface) behind the browser harness, and the
 * built renderer (out/renderer, from `electron-vite build`) in Debian's Chromium.
 */
export interface Dock {
  core: Core
  harness: Harness
  hid: FakeHidBackend
  dataDir: string
  /** Plug in a HID POS scanner (Honeywell-like) and return the fake device to feed reports to. */
  plugScanner(path?: string): FakeHidDevice
  /** Open the app and wait until window.dock is there. */
  open(): Promise<void>
  /** Save a full-page screenshot to test-results/screens/<name>.png. */
  screenshot(name: string): Promise<void>
}

export const ROOT = join(__dirname, '../..')
export const SCREENS = join(ROOT, 'test-results/screens')

export async function startDock(page: Page, over: Partial<CoreOptions> = {}): Promise<{ dock: Dock; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dock-browser-'))
  const hid = createFakeHidBackend()
  const core = await createCore({
    dataDir,
    shell: 'test',
    station: 'dock-test',
    training: true,
    hidBackend: hid,
    // The simulator keeps DT's real rate limit; browser flows are small.
    ...over
  })
  const harness = await startHarness({ core, rendererRoot: join(ROOT, 'out/renderer') })
  mkdirSync(SCREENS, { recursive: true })
  const dock: Dock = {
    core,
    harness,
    hid,
    dataDir,
    plugScanner(path = '/dev/hidraw-test-0') {
      return hid.add({ vendorId: 0x0c2e, productId: 0x0b87, path, product: 'Voyager 1602g', release: 1, interface: 0, usagePage: 0x8c, usage: 2 })
    },
    async open() {
      await page.goto(harness.url)
      await page.waitForFunction(() => typeof (globalThis as unknown as { dock?: unknown }).dock === 'object')
    },
    async screenshot(name) {
      await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true })
    }
  }
  return {
    dock,
    stop: async () => {
      await harness.close()
      await core.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** `test` with a `dock` fixture: one fresh core + harness per test. */
export const test = base.extend<{ dock: Dock }>({
  dock: async ({ page }, use) => {
    const { dock, stop } = await startDock(page)
    await use(dock)
    await stop()
  }
})

export { expect }
