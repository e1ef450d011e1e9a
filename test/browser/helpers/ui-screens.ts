import type { Page } from '@playwright/test'

/**
 * Wait until CSS animations (the full-screen flash) have finished, so a screenshot shows the
 * screen an operator reads after the flash, not a half-faded overlay.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document
      .getAnimations()
      .every((a) => a.playState === 'finished')
  )
}

/** Settle, then save test-results/screens/<name>.png through the harness fixture. */
export async function shot(page: Page, dock: { screenshot(name: string): Promise<void> }, name: string): Promise<void> {
  await settle(page)
  await dock.screenshot(name)
}
