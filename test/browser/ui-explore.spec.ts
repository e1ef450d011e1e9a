import { expect, test } from './harness-fixture'

test('explore', async ({ page, dock }) => {
  page.on('console', (m) => console.log('console', m.type(), m.text()))
  page.on('pageerror', (e) => console.log('pageerror', e.message))
  await dock.open()
  await expect(page.getByRole('heading', { name: 'Start receiving' })).toBeVisible()
  await page.waitForTimeout(1000)
  await dock.screenshot('explore-start')
  await page.getByLabel(/Operator/).fill('Kari')
  await page.getByRole('button', { name: 'Start session' }).click()
  await page.waitForTimeout(1000)
  await dock.screenshot('explore-board')
})
