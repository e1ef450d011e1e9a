import { expect, test } from './harness-fixture'

// The harness itself: one mechanism behind `npm run start:browser` and every UI test.

test('serves the renderer with a strict CSP and bridges window.dock to the real dispatcher', async ({ page, dock }) => {
  const response = await page.goto(dock.harness.url)
  const csp = response?.headers()['content-security-policy'] ?? ''
  expect(csp).toContain("script-src 'self'")
  expect(csp).not.toContain('unsafe-inline')
  await page.waitForFunction(() => typeof (globalThis as unknown as { dock?: unknown }).dock === 'object')
  // The token leaves the address bar once it is stored.
  expect(page.url()).not.toContain('token=')
  const info = await page.evaluate(() => (globalThis as unknown as { dock: { invoke(c: string, i: unknown): Promise<unknown> } }).dock.invoke('app.info', {}))
  expect(info).toMatchObject({ ok: true, value: { trainingMode: true, station: 'dock-test', shell: 'test' } })
  const bad = await page.evaluate(() => (globalThis as unknown as { dock: { invoke(c: string, i: unknown): Promise<unknown> } }).dock.invoke('dt.projects', { organizationId: 7 }))
  expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
})

test('refuses calls without the token and from another Host', async ({ dock, request }) => {
  const noToken = await request.post(`${dock.harness.origin}/__dock/invoke`, { data: { channel: 'app.info', input: {} } })
  expect(noToken.status()).toBe(403)
  const withToken = await request.post(`${dock.harness.origin}/__dock/invoke`, {
    data: { channel: 'app.info', input: {} },
    headers: { 'x-dock-token': dock.harness.token }
  })
  expect(withToken.status()).toBe(200)
  const rebinding = await request.post(`${dock.harness.origin}/__dock/invoke`, {
    data: { channel: 'app.info', input: {} },
    headers: { 'x-dock-token': dock.harness.token, host: 'evil.example:80' }
  })
  expect(rebinding.status()).toBe(421)
  const traversal = await request.get(`${dock.harness.origin}/..%2f..%2fpackage.json`)
  expect(traversal.status()).toBe(404)
})
