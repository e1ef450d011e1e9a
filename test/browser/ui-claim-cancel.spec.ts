import { expect, startDock, test } from './harness-fixture'
import { shot } from './helpers/ui-screens'
import { SEED } from './helpers/ui-scan'

test('claim while DT refuses (429): progress shows it, cancel stops it, a fresh review claims what is left', async ({ page }) => {
  test.setTimeout(120_000)
  const { dock, stop } = await startDock(page)
  try {
    await dock.open()
    await page.getByLabel(/^Operator/).fill('Kari')
    await page.getByRole('button', { name: 'Start session' }).click()
    const manual = page.getByLabel(/manual entry/)
    for (const id of [SEED.looseDevice, SEED.otherLooseDevice]) {
      await manual.fill(id)
      await manual.press('Enter')
    }
    const summary = page.getByRole('region', { name: 'Session summary' })
    await expect(summary).toContainText(/Devices to claim\s*2/)
    await expect(summary).toContainText(/Pending lookups\s*0/)

    await page.getByRole('button', { name: /Go to review & claim/ }).click()
    const facts = page.getByRole('region', { name: 'What will be claimed' })
    await expect(facts).toContainText('2 devices')
    const sim = dock.core.simulator()
    if (!sim) throw new Error('training simulator not running')
    sim.setFaults({ errorRates: { '429': 1 }, retryAfterSeconds: 1 })
    await page.getByRole('button', { name: 'Claim…' }).click()
    await page.getByRole('dialog', { name: 'Confirm claim' }).getByRole('button', { name: 'Claim 2 devices now' }).click()

    // DT keeps answering 429: the engine honours Retry-After and keeps trying; the operator cancels.
    const progress = page.getByRole('region', { name: 'Claim progress' })
    await expect(progress).toContainText(/Ready to send|Sending to DT/)
    await expect(progress).toContainText('0 / 2 devices')
    await shot(page, dock, 'ui-09-claim-progress')
    await progress.getByRole('button', { name: 'Cancel claim' }).click()
    await expect(progress).toContainText('Cancelled', { timeout: 60_000 })
    const results = page.getByRole('region', { name: 'Results', exact: true })
    await expect(results.getByRole('status').first()).toContainText('0 claimed · 0 failed')
    expect(sim.ledger().filter((e) => e.deviceId === SEED.looseDevice)).toEqual([])

    // DT is back: the review of what is left comes up by itself; claim again.
    sim.setFaults({ errorRates: {} })
    await expect(facts).toContainText('2 devices')
    await page.getByRole('button', { name: 'Check again' }).click()
    await expect(facts).toContainText('Drift check passed')
    await page.getByRole('button', { name: 'Claim…' }).click()
    await page.getByRole('dialog', { name: 'Confirm claim' }).getByRole('button', { name: 'Claim 2 devices now' }).click()
    await expect(progress).toContainText('Finished', { timeout: 60_000 })
    await expect(results.getByRole('status').first()).toContainText('2 claimed · 0 failed')
    await expect(page.getByRole('button', { name: 'Claim…' })).toHaveCount(0)
    expect(sim.ledger().filter((e) => e.deviceId === SEED.looseDevice)).toHaveLength(1)
  } finally {
    await stop()
  }
})
