import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../electron/core/create-core'
import { startHarness } from '../../electron/harness/harness-server'
import { ROOT, SCREENS } from './harness-fixture'

// A tampered audit log is announced on every screen from the moment the app starts.
test('a broken audit chain shows an alert on every screen', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dock-audit-banner-'))
  try {
    const first = await createCore({ dataDir, shell: 'test', station: 'dock-test', training: true, hidBackend: null })
    const orgs = (await first.dispatch('dt.organizations', {}, { origin: 'test' })) as { value: Array<{ id: string }> }
    const projects = (await first.dispatch('dt.projects', { organizationId: orgs.value[0]!.id }, { origin: 'test' })) as { value: Array<{ id: string }> }
    for (const operator of ['Kari', 'Ola']) {
      await first.dispatch('session.start', { organizationId: orgs.value[0]!.id, projectId: projects.value[0]!.id, operator, reference: null }, { origin: 'test' })
    }
    await first.close()
    const db = new Database(join(dataDir, 'dock-claim.db'))
    // The first row goes missing (the second no longer links to the start of the chain).
    db.exec('DROP TRIGGER audit_no_delete')
    db.prepare('DELETE FROM audit WHERE seq = (SELECT MIN(seq) FROM audit)').run()
    db.close()

    const core = await createCore({ dataDir, shell: 'test', station: 'dock-test', training: true, hidBackend: null })
    const harness = await startHarness({ core, rendererRoot: join(ROOT, 'out/renderer') })
    try {
      await page.goto(harness.url)
      const alert = page.getByRole('alert').filter({ hasText: 'AUDIT LOG TAMPERED' })
      await expect(alert).toBeVisible()
      await page.keyboard.press('Alt+5')
      await expect(alert).toBeVisible()
      await page.screenshot({ path: join(SCREENS, 'audit-tampered-banner.png') })
    } finally {
      await harness.close()
      await core.close()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
