import { defineConfig } from '@playwright/test'
import { existsSync } from 'node:fs'

// Which Chromium: CHROMIUM_PATH if set, else Debian's (apt-get install chromium) — Playwright's
// own browsers cannot be downloaded on build machines — else Playwright's own (after
// `npx playwright install chromium`, where the network allows).
const CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

export default defineConfig({
  testDir: 'test',
  testMatch: ['browser/**/*.spec.ts', 'electron/**/*.spec.ts'],
  outputDir: 'test-results/playwright',
  workers: 1,
  retries: 0,
  timeout: 90_000,
  // JSON goes to reports/: Playwright wipes outputDir at start.
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      ...(CHROMIUM ? { executablePath: CHROMIUM } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run']
    },
    screenshot: 'only-on-failure',
    trace: 'off'
  }
})
