import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './harness-fixture'
import { settle, shot } from './helpers/ui-screens'
import { SEED } from './helpers/ui-scan'

test('manifest, undo, pause and resume from the Start screen', async ({ page, dock }) => {
  await dock.open()
  await page.getByLabel(/^Operator/).fill('Kari')
  await page.getByLabel(/^Reference/).fill('ASN-2026-11')
  await page.getByLabel(/^Expected shipment/).fill(`${SEED.completeKit}\n${SEED.partialKit}\n`)
  await expect(page.getByText('2 lines loaded')).toBeVisible()
  await page.getByRole('button', { name: 'Start session' }).click()

  const manifest = page.getByRole('region', { name: 'Expected shipment' })
  await expect(manifest).toContainText('0 of 2 expected kits scanned')
  const manual = page.getByLabel(/manual entry/)
  await manual.fill(SEED.completeKit)
  await manual.press('Enter')
  await manual.fill(SEED.looseDevice)
  await manual.press('Enter')
  await expect(page.getByRole('heading', { name: /^2 items/ })).toBeVisible()
  await expect(manifest).toContainText('1 of 2 expected kits scanned')
  await expect(manifest).toContainText(SEED.partialKit)

  // Undo removes the most recent scan (the loose device).
  await page.getByRole('button', { name: 'Undo last scan' }).click()
  await expect(page.getByRole('heading', { name: /^1 items?/ })).toBeVisible()
  await expect(page.getByRole('button', { name: `Remove ${SEED.looseDevice}` })).toHaveCount(0)

  // Pause: back to Start, where the paused session is listed and resumes.
  await page.getByRole('button', { name: 'Pause session' }).click()
  await expect(page.getByRole('heading', { name: 'Start receiving' })).toBeVisible()
  const resume = page.getByRole('button', { name: /^Resume session/ })
  await expect(resume).toBeVisible()
  await settle(page)
  const axe = await new AxeBuilder({ page }).analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
  await shot(page, dock, 'ui-10-start-resume')
  await resume.click()
  await expect(page.getByRole('heading', { name: /^Scanning into/ })).toBeVisible()
  await expect(page.getByText('Status open')).toBeVisible()
  await expect(page.getByRole('button', { name: `Remove ${SEED.completeKit}` })).toBeVisible()
})

test('settings: credentials are stored without the secret ever shown; training mode is one switch', async ({ page, dock }) => {
  const secret = 'S3cr3t-never-shown-0123456789'
  await dock.open()
  await page.getByRole('button', { name: /^Settings/ }).click()
  await page.getByLabel('Service account e-mail').fill('svc@example.com')
  await page.getByLabel('Key ID').fill('key-123')
  await page.getByLabel('Secret').fill(secret)
  await expect(page.getByLabel('Secret')).toHaveAttribute('type', 'password')
  await page.getByRole('button', { name: 'Store credentials' }).click()
  await expect(page.getByText('Credentials stored for')).toContainText('svc@example.com')
  await expect(page.getByLabel('Secret')).toHaveValue('')
  expect(await page.content()).not.toContain(secret)
  expect(JSON.stringify(await dock.core.dispatch('settings.get', {}, { origin: 'test' }))).not.toContain(secret)

  // One step to real DT and back; the banner follows.
  await expect(page.getByText(/TRAINING MODE – nothing/)).toBeVisible()
  await page.getByRole('button', { name: 'Switch to real DT account' }).click()
  await expect(page.getByText(/TRAINING MODE – nothing/)).toHaveCount(0)
  await expect(page.getByText('Real mode: claims go to DT')).toBeVisible()
  await page.getByRole('button', { name: 'Switch to training mode' }).click()
  await expect(page.getByText(/TRAINING MODE – nothing/)).toBeVisible()

  // Behaviour options reach the station settings.
  await page.getByLabel(/Error hold/).check()
  await expect.poll(async () => dock.core.settings.current().feedback.errorHold).toBe(true)
  await page.getByLabel('Duplicates are checked against').selectOption('ever')
  await expect.poll(async () => dock.core.settings.current().duplicatePolicy).toBe('ever')
  await page.getByLabel(/Devices per claim request/).fill('25')
  await page.getByRole('button', { name: 'Save numbers' }).click()
  await expect.poll(async () => dock.core.settings.current().chunkSize).toBe(25)
})
