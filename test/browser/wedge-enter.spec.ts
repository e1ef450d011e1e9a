import type { Page } from '@playwright/test'
import { expect, test, type Dock } from './harness-fixture'
import { SEED, waitForLastScan } from './helpers/ui-scan'

// Issue 4's promise for keyboard-mode scanners: a wedge burst ending in Enter lands in the preview,
// and that Enter presses nothing — even when an action button has keyboard focus.

/** Identifiers of the current session's items, straight from the engine. */
async function itemIds(dock: Dock): Promise<string[]> {
  const list = await dock.core.dispatch('session.list', {}, { origin: 'test' })
  const sessionId = list.ok ? (list.value as Array<{ id: string }>)[0]?.id : undefined
  const got = await dock.core.dispatch('session.get', { sessionId }, { origin: 'test' })
  return got.ok ? (got.value as { items: Array<{ identifier: string }> }).items.map((i) => i.identifier) : []
}

async function startSession(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: /^Operator/ }).fill('Kari')
  await page.getByRole('button', { name: 'Start session' }).click()
  await expect(page.getByRole('heading', { name: /^Scanning into/ })).toBeVisible()
}

test("a wedge scan's Enter never presses the focused button", async ({ page, dock }) => {
  // Generous key gap: the 2-core test machine is shared, and a late key must not split a scan.
  await dock.core.settings.update({ wedge: { maxGapMs: 150 } })
  await dock.open()
  await startSession(page)

  // One scan on the board, so "Undo last scan" is enabled and would remove it if pressed.
  await page.keyboard.type(`${SEED.completeKit}\n`, { delay: 4 })
  await waitForLastScan(page, SEED.completeKit)
  const undo = page.getByRole('button', { name: /Undo last scan/ })
  await expect(undo).toBeEnabled()

  // Check the test can fail: a real Enter on the focused button does undo.
  await page.keyboard.type(`${SEED.looseDevice}\n`, { delay: 4 })
  await waitForLastScan(page, SEED.looseDevice)
  expect(await itemIds(dock)).toContain(SEED.looseDevice)
  await undo.focus()
  // A person's Enter, well after the burst (the wedge swallows a late scanner suffix for 300 ms).
  await page.waitForTimeout(600)
  await page.keyboard.press('Enter')
  await expect.poll(() => itemIds(dock)).not.toContain(SEED.looseDevice)

  // Now the real case: focus on Undo (once the undo above has finished and re-enabled it), then a
  // scanner types a code and Enter within milliseconds. Count clicks on the button to be sure.
  await expect(undo).toBeEnabled()
  await undo.focus()
  await expect(undo).toBeFocused()
  await undo.evaluate((el) => {
    const g = globalThis as unknown as { undoClicks: number }
    g.undoClicks = 0
    el.addEventListener('click', () => (g.undoClicks += 1))
  })
  await page.keyboard.type(`${SEED.otherLooseDevice}\n`, { delay: 4 })
  await waitForLastScan(page, SEED.otherLooseDevice)
  expect(await page.evaluate(() => (globalThis as unknown as { undoClicks: number }).undoClicks)).toBe(0)
  // Both scans are still there: the scanner's Enter did not undo anything.
  await expect(page.getByRole('region', { name: 'Last scan' })).toContainText('OK')
  const ids = await itemIds(dock)
  expect(ids).toEqual(expect.arrayContaining([SEED.completeKit, SEED.otherLooseDevice]))
  expect(ids).not.toContain(SEED.looseDevice)
  await dock.screenshot('wedge-enter-focused-button')
})
