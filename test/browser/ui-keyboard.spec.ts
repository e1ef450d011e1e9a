import type { Page } from '@playwright/test'
import { CONTROL_PAYLOADS } from '../../shared/payload/control-codes'
import { shot } from './helpers/ui-screens'
import { expect, test } from './harness-fixture'
import { SEED, waitForLastScan } from './helpers/ui-scan'

/** A keyboard-wedge scanner: the whole code plus Enter within a few ms per key. */
async function wedgeScan(page: Page, text: string): Promise<void> {
  await page.keyboard.type(`${text}\n`, { delay: 4 })
}

/** Press Tab until `target` has focus (keyboard-only navigation), failing after `max` presses. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error('target not reachable with Tab')
}

test('keyboard only: start, wedge scans, error hold acknowledged by key, control barcodes open and close the confirmation', async ({ page, dock }) => {
  test.setTimeout(90_000)
  // Generous key gap: the 2-core test machine is shared, and a late key must not split a scan.
  await dock.core.settings.update({ feedback: { errorHold: true }, wedge: { maxGapMs: 150 } })
  await dock.open()

  // Start with Tab/typing/Enter only. Enter in the operator field moves on, it does not submit.
  await tabTo(page, page.getByRole('textbox', { name: /^Operator/ }))
  await page.keyboard.type('Ola')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('textbox', { name: /^Reference/ })).toBeFocused()
  await expect(page.getByRole('heading', { name: 'Start receiving' })).toBeVisible()
  await tabTo(page, page.getByRole('button', { name: 'Start session' }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: /^Scanning into/ })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Scanners' })).toContainText('Keyboard wedge: listening')

  // Wedge scans need no focused field; their Enter presses nothing.
  await page.locator('body').focus()
  await wedgeScan(page, SEED.completeKit)
  await waitForLastScan(page, SEED.completeKit)
  await expect(page.getByRole('region', { name: 'Last scan' })).toContainText('OK')

  // A duplicate is a problem scan: with error hold on, scanning is held until acknowledged.
  await wedgeScan(page, SEED.completeKit)
  const hold = page.getByRole('alert').filter({ hasText: 'Scanning is held' })
  await expect(hold).toBeVisible()
  await expect(page.getByRole('region', { name: 'Last scan' })).toContainText('DUPLICATE')
  await wedgeScan(page, SEED.looseDevice)
  await expect(page.getByRole('region', { name: 'Last scan' })).toContainText('HELD')
  await shot(page, dock, 'ui-08-error-hold')
  await page.keyboard.press('F2')
  await expect(hold).toHaveCount(0)
  await wedgeScan(page, SEED.looseDevice)
  await waitForLastScan(page, SEED.looseDevice)
  await expect(page.getByRole('region', { name: 'Last scan' })).toContainText('OK')

  // COMMIT control barcode: opens the confirmation (never claims); CANCEL closes it.
  await expect(page.getByRole('region', { name: 'Session summary' })).toContainText(/Pending lookups\s*0/)
  await wedgeScan(page, CONTROL_PAYLOADS.commit)
  const dialog = page.getByRole('dialog', { name: 'Confirm claim' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: /Cancel/ })).toBeFocused()
  // A scan arriving while the dialog is open: its Enter must not confirm anything.
  await wedgeScan(page, SEED.otherLooseDevice)
  await expect(dialog).toBeVisible()
  await wedgeScan(page, CONTROL_PAYLOADS.cancel)
  await expect(dialog).toHaveCount(0)
  const progress = await dock.core.dispatch('claim.progress', { sessionId: await currentSessionId(dock) }, { origin: 'test' })
  expect(progress).toEqual({ ok: true, value: null })

  // PAUSE control barcode: the board says so and refuses scans until resumed.
  await page.keyboard.press('Alt+2')
  await wedgeScan(page, CONTROL_PAYLOADS.pause)
  const paused = page.getByRole('alert').filter({ hasText: 'This session is paused' })
  await expect(paused).toBeVisible()
  await expect(page.getByLabel(/manual entry/)).toBeDisabled()
  await shot(page, dock, 'ui-12-paused')
  await paused.getByRole('button', { name: 'Resume session' }).click()
  await expect(paused).toHaveCount(0)
  await expect(page.getByLabel(/manual entry/)).toBeEnabled()

  // Screen shortcuts.
  await page.keyboard.press('Alt+4')
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible()
  await page.keyboard.press('Alt+5')
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
})

async function currentSessionId(dock: { core: { dispatch: (c: unknown, i: unknown, ctx: { origin: 'test' }) => Promise<unknown> } }): Promise<string> {
  const list = (await dock.core.dispatch('session.list', {}, { origin: 'test' })) as { ok: boolean; value: { id: string }[] }
  const id = list.value[0]?.id
  if (!id) throw new Error('no session')
  return id
}
