import trainingSeed from '../../resources/training-seed.json'
import { shot } from './helpers/ui-screens'
import { expect, startDock, test } from './harness-fixture'
import { scanHid, SEED } from './helpers/ui-scan'

// Hostile text from every direction: DT names (simulator seed), operator/reference fields, the
// manifest, HID scans and manual entry. It must render as inert, visibly escaped, capped text.

const SCRIPT = '<script>window.__pwned = 1</script>'
const IMG = '<img src=x onerror="window.__pwned = 1">'
const SVG = '"><svg onload="window.__pwned=1">'
const BIDI = 'safe\u202Eexe.txt\u2066x\u2069'
const HUGE = 'A'.repeat(1_000_000)

interface Seed {
  organizations: { id: string; displayName: string }[]
  projects: { id: string; organization: string; displayName: string; inventory: boolean }[]
}

test('hostile payloads render as inert text: no script runs, no CSP violation', async ({ page }) => {
  test.setTimeout(120_000)
  const seed = structuredClone(trainingSeed) as unknown as Seed
  const org = seed.organizations[0]
  const project = seed.projects.find((p) => p.id === '6a22d3a5a8m1loif7b9g')
  const hugeProject = seed.projects.find((p) => p.id === '7dhlqigvvgqv83h9cv90')
  if (!org || !project || !hugeProject) throw new Error('training seed changed: organization or projects missing')
  org.displayName = `${IMG}${BIDI}`
  project.displayName = `${SCRIPT}${BIDI}`
  // Only listed: the store refuses to keep a session with a project name over 256 characters.
  hugeProject.displayName = `${SCRIPT}${HUGE}`
  const { dock, stop } = await startDock(page, { trainingSeed: seed })
  try {
    await page.addInitScript(() => {
      const w = globalThis as unknown as { __csp: string[]; document: { addEventListener(t: string, l: (e: { violatedDirective: string }) => void): void } }
      w.__csp = []
      w.document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(e.violatedDirective))
    })
    const consoleCsp: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text())
    })
    const scanner = dock.plugScanner()
    await dock.open()

    // DT names: escaped bidi, capped length, tags as text.
    const orgSelect = page.getByLabel('Organization')
    await expect(orgSelect.locator('option:checked')).toContainText('<img src=x')
    await expect(orgSelect.locator('option:checked')).toContainText('\\u{202E}')
    const projectSelect = page.getByLabel('Project to claim into')
    await projectSelect.selectOption(hugeProject.id)
    expect((await projectSelect.locator('option:checked').innerText()).length).toBeLessThan(200)
    await expect(projectSelect.locator('option:checked')).toContainText('<script>')
    await projectSelect.selectOption(project.id)

    await page.getByLabel(/^Operator/).fill(SVG)
    await page.getByLabel(/^Reference/).fill(BIDI)
    await page.getByLabel(/^Expected shipment/).fill(`${IMG}\n${BIDI}\n${'B'.repeat(500_000)}\n${SEED.completeKit}\n`)
    await page.getByRole('button', { name: 'Start session' }).click()
    const heading = page.getByRole('heading', { level: 1 })
    await expect(heading).toContainText('Scanning into <script>')
    expect((await heading.innerText()).length).toBeLessThan(200)
    await expect(page.getByText('\\u{202E}').first()).toBeVisible()
    // The engine refuses the manifest line; its message quotes the payload, as text.
    await expect(page.getByRole('alert').filter({ hasText: 'Manifest not imported' })).toContainText('<img src=x')

    // Scans: HID and manual, including 1 MB typed into the manual field.
    // The scanner service picks the fake scanner up on its next poll.
    await expect(page.getByRole('region', { name: 'Scanners' })).toContainText('Voyager 1602g connected', { timeout: 10_000 })
    scanHid(scanner, SCRIPT)
    scanHid(scanner, `abc${'\u202E'}def`)
    const items = page.getByRole('region', { name: 'Scanned items' })
    await expect(items).toContainText('<script>window')
    await expect(items).toContainText('abc\\u{202E}def')
    const manual = page.getByLabel(/manual entry/)
    await manual.fill(IMG)
    await manual.press('Enter')
    await expect(page.getByRole('region', { name: 'Last scan' })).toContainText('<img src=x')
    await manual.evaluate((el, huge) => {
      // Bypass maxlength like a paste through devtools would: the engine must refuse it.
      const input = el as unknown as { value: string; dispatchEvent(e: unknown): boolean }
      const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')?.set
      setter?.call(input, huge)
      input.dispatchEvent(new (globalThis as unknown as { Event: new (t: string, o: object) => unknown }).Event('input', { bubbles: true }))
    }, HUGE)
    await manual.press('Enter')
    const last = page.getByRole('region', { name: 'Last scan' })
    await expect(last).toContainText('AAAA')
    expect((await last.innerText()).length).toBeLessThan(2000)
    await shot(page, dock, 'ui-hostile-board')

    // Audit view shows the same payloads as text.
    await page.getByRole('button', { name: /Audit log/ }).click()
    await expect(page.getByRole('region', { name: 'Audit rows' })).toContainText('<img src=x')
    await shot(page, dock, 'ui-hostile-audit')

    const bodyLength = await page.evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText.length)
    expect(bodyLength).toBeLessThan(100_000)
    expect(await page.locator('img, svg, iframe, object, embed').count()).toBe(0)
    expect(await page.locator('script:not([src])').count()).toBe(0)
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
    expect(await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp)).toEqual([])
    expect(consoleCsp).toEqual([])
  } finally {
    await stop()
  }
})
