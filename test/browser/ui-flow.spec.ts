import { existsSync, readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { settle, shot } from './helpers/ui-screens'
import { expect, test } from './harness-fixture'
import { scanHid, SEED, waitForLastScan } from './helpers/ui-scan'

/** axe on the current screen: no serious or critical violations. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  await settle(page) // the flash overlay fades out; axe would measure its half-transparent word
  const result = await new AxeBuilder({ page }).analyze()
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

test('whole receiving flow: start → HID scans with problems → remove → claim → results → export → audit verify', async ({ page, dock }) => {
  test.setTimeout(120_000)
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  const scanner = dock.plugScanner()
  await dock.open()

  // Start: organization + project from the simulator, operator, reference.
  await expect(page.getByText('TRAINING MODE')).toBeVisible()
  await expect(page.getByLabel('Organization')).toHaveValue(/.+/)
  await expect(page.getByLabel('Organization').locator('option:checked')).toHaveText(SEED.orgName)
  await page.getByLabel('Project to claim into').selectOption({ label: SEED.projectName })
  await page.getByLabel(/^Operator/).fill('Kari Nordmann')
  await page.getByLabel(/^Reference/).fill('PO-4711')
  await expectAccessible(page, 'start')
  await shot(page, dock, 'ui-01-start')
  await page.getByRole('button', { name: 'Start session' }).click()

  // Board: scanner connected, then a pallet through the fake HID scanner.
  await expect(page.getByRole('heading', { name: `Scanning into ${SEED.projectName}` })).toBeVisible()
  // The scanner service picks the fake scanner up on its next poll.
  await expect(page.getByRole('region', { name: 'Scanners' })).toContainText('Voyager 1602g connected', { timeout: 10_000 })
  const lastScan = page.getByRole('region', { name: 'Last scan' })

  scanHid(scanner, SEED.completeKit)
  await waitForLastScan(page, SEED.completeKit)
  await expect(lastScan).toContainText('OK')

  scanHid(scanner, SEED.partialKit)
  await waitForLastScan(page, SEED.partialKit)
  await expect(lastScan).toContainText('PARTIAL KIT')

  scanHid(scanner, SEED.looseDevice)
  await waitForLastScan(page, SEED.looseDevice)
  scanHid(scanner, SEED.otherLooseDevice)
  await waitForLastScan(page, SEED.otherLooseDevice)
  scanHid(scanner, SEED.looseDevice)
  await expect(lastScan).toContainText('DUPLICATE')
  await expect(lastScan).toContainText(SEED.looseDevice)

  scanHid(scanner, SEED.claimedElsewhere)
  await waitForLastScan(page, SEED.claimedElsewhere)
  await expect(lastScan).toContainText('ALREADY CLAIMED')

  scanHid(scanner, SEED.unknownDevice)
  await waitForLastScan(page, SEED.unknownDevice)
  await expect(lastScan).toContainText('NOT FOUND')

  const summary = page.getByRole('region', { name: 'Session summary' })
  await expect(summary.getByRole('definition').nth(0)).toHaveText('2') // kits
  await expect(summary).toContainText(/Duplicates\s*1/)
  await expect(summary).toContainText(/Not found\s*1/)
  await expect(page.getByRole('heading', { name: /problems on top/ })).toBeVisible()
  // Problems on top: the first row is a problem with DT's guidance.
  const firstRow = page.getByRole('region', { name: 'Scanned items' }).getByRole('article').first()
  await expect(firstRow).toHaveClass(/problem/)
  await expectAccessible(page, 'board')
  await shot(page, dock, 'ui-02-board')

  // Remove one item (the second loose device).
  await page.getByRole('button', { name: `Remove ${SEED.otherLooseDevice}` }).click()
  await expect(page.getByRole('status').filter({ hasText: `Removed ${SEED.otherLooseDevice}` })).toBeVisible()
  await expect(page.getByRole('button', { name: `Remove ${SEED.otherLooseDevice}` })).toHaveCount(0)

  // Review: the drift check, then the confirmation.
  await page.getByRole('button', { name: /Go to review & claim/ }).click()
  const facts = page.getByRole('region', { name: 'What will be claimed' })
  await expect(facts).toContainText('devices')
  await expectAccessible(page, 'review')
  await shot(page, dock, 'ui-03-review')
  await page.getByRole('button', { name: 'Claim…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Confirm claim' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(SEED.projectName)
  // Focus starts on Cancel: a scanner's Enter cannot confirm.
  await expect(dialog.getByRole('button', { name: /Cancel/ })).toBeFocused()
  const confirmButton = dialog.getByRole('button', { name: /Claim \d+ devices now/ })
  await expect(confirmButton).toBeVisible() // armed after the delay
  await confirmButton.focus()
  await page.keyboard.press('Enter')
  await expect(dialog.getByRole('alert')).toContainText('Enter does not confirm')
  await expect(dialog).toBeVisible()
  await expectAccessible(page, 'confirm')
  await shot(page, dock, 'ui-04-confirm')
  await confirmButton.click()

  // Progress → results.
  await expect(page.getByRole('region', { name: 'Claim progress' })).toContainText('Finished', { timeout: 60_000 })
  const results = page.getByRole('region', { name: 'Results', exact: true })
  await expect(results.getByRole('status').first()).toContainText(/\d+ claimed/)
  await expectAccessible(page, 'results')
  await shot(page, dock, 'ui-05-results')

  // Export CSV: the app writes the file and shows where.
  await results.getByRole('button', { name: 'Export results CSV' }).click()
  const written = results.getByRole('status').filter({ hasText: 'Results CSV written to' })
  await expect(written).toBeVisible()
  const csvPath = (await written.locator('code').innerText()).trim()
  expect(existsSync(csvPath)).toBe(true)
  const csv = readFileSync(csvPath, 'utf8')
  expect(csv).toContain(SEED.looseDevice)
  expect(csv).not.toContain(SEED.otherLooseDevice)
  await results.getByRole('button', { name: 'Save receipt' }).click()
  await expect(results.getByRole('status').filter({ hasText: 'Receipt written to' })).toBeVisible()

  // Audit: this session's rows (from the results), a search by ID, then the chain verifies.
  await results.getByRole('button', { name: 'Show in audit log' }).click()
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible()
  await expect(page.getByLabel('Session')).not.toHaveValue('')
  const rows = page.getByRole('region', { name: 'Audit rows' })
  await expect(rows).toContainText('claim')
  await expect(rows).toContainText(SEED.unknownDevice)
  await page.getByLabel('Device or kit ID').fill(SEED.looseDevice)
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(rows).toContainText(SEED.looseDevice)
  await expect(rows).not.toContainText(SEED.unknownDevice)
  await page.getByRole('button', { name: 'Verify hash chain' }).click()
  await expect(page.getByRole('status', { name: 'Chain verification result' })).toContainText('Audit chain verified')
  await page.getByRole('button', { name: /Export shown filter/ }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Audit CSV written to' })).toBeVisible()
  await expectAccessible(page, 'audit')
  await shot(page, dock, 'ui-06-audit')

  // Settings and the scanners page.
  await page.getByRole('button', { name: /^Settings/ }).click()
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
  scanHid(scanner, SEED.looseDevice)
  await expect(page.getByRole('log', { name: 'Live scanner test' })).toContainText(SEED.looseDevice)
  await expectAccessible(page, 'settings')
  await shot(page, dock, 'ui-07-settings')

  expect(pageErrors).toEqual([])
})
