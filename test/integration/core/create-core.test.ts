import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../electron/core/create-core'

// The composition root in plain Node: training mode end to end through the dispatcher (real
// SQLite file, the simulator over HTTP), and the audit-chain check at start.

const dirs: string[] = []
const cores: Core[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()?.close()
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true })
})
async function start(dataDir: string): Promise<Core> {
  const core = await createCore({ dataDir, shell: 'test', station: 'desk-7', training: true, hidBackend: null })
  cores.push(core)
  return core
}
const ctx = { origin: 'test' as const }

describe('createCore', () => {
  it('claims a kit in training mode through the dispatcher, and the audit log holds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dock-core-'))
    dirs.push(dir)
    const core = await start(dir)
    const orgs = await core.dispatch('dt.organizations', {}, ctx)
    expect(orgs.ok).toBe(true)
    const org = (orgs as { value: Array<{ id: string; displayName: string }> }).value.find((o) => o.displayName === 'Nordlys Logistics AS')!
    const projects = (await core.dispatch('dt.projects', { organizationId: org.id }, ctx)) as { ok: true; value: Array<{ id: string; displayName: string }> }
    const project = projects.value.find((p) => p.displayName === 'Oslo Warehouse – Receiving')!
    const session = (await core.dispatch('session.start', { organizationId: org.id, projectId: project.id, operator: 'Kari', reference: 'PO-1' }, ctx)) as { ok: true; value: { id: string } }
    const scan = await core.dispatch('session.submitScan', { sessionId: session.value.id, payload: 'nl-25-temp-0001', source: 'manual' }, ctx)
    expect(scan).toMatchObject({ ok: true, value: { durable: true } })
    await core.sessions.idle?.()
    let review = (await core.dispatch('claim.review', { sessionId: session.value.id }, ctx)) as { ok: boolean; value: { reviewId: string; deviceCount: number; blockedReason: string | null } }
    for (let i = 0; i < 50 && review.value.blockedReason; i++) {
      await new Promise((r) => setTimeout(r, 100))
      review = (await core.dispatch('claim.review', { sessionId: session.value.id }, ctx)) as typeof review
    }
    expect(review.value).toMatchObject({ deviceCount: 26, blockedReason: null })
    const started = await core.dispatch('claim.confirm', { sessionId: session.value.id, reviewId: review.value.reviewId, deviceCount: 26 }, ctx)
    expect(started.ok).toBe(true)
    let progress = await core.dispatch('claim.progress', { sessionId: session.value.id }, ctx)
    for (let i = 0; i < 100 && (progress as { value: { state: string } | null }).value?.state !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 100))
      progress = await core.dispatch('claim.progress', { sessionId: session.value.id }, ctx)
    }
    expect(progress).toMatchObject({ ok: true, value: { state: 'done', claimed: 26 } })
    // Ground truth: the simulator's ledger has each of the kit's 26 devices once, in this project.
    const ledger = core.simulator()!.ledger()
    expect(ledger).toHaveLength(26)
    expect(new Set(ledger.map((e) => e.deviceId)).size).toBe(26)
    expect(ledger.every((e) => e.projectId === project.id)).toBe(true)
    const audit = (await core.dispatch('audit.query', { text: 'nl-25-temp-0001' }, ctx)) as { ok: true; value: { total: number } }
    expect(audit.value.total).toBeGreaterThan(0)
    expect(await core.dispatch('audit.verify', {}, ctx)).toMatchObject({ ok: true, value: { ok: true } })
  })

  it('reports a tampered audit chain in app.info at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dock-core-'))
    dirs.push(dir)
    const core = await start(dir)
    expect(await core.dispatch('app.info', {}, ctx)).toMatchObject({ ok: true, value: { auditChain: { ok: true } } })
    const org = ((await core.dispatch('dt.organizations', {}, ctx)) as { value: Array<{ id: string }> }).value[0]!
    const projects = (await core.dispatch('dt.projects', { organizationId: org.id }, ctx)) as { value: Array<{ id: string }> }
    await core.dispatch('session.start', { organizationId: org.id, projectId: projects.value[0]!.id, operator: 'Kari', reference: null }, ctx)
    await cores.pop()!.close()

    // Someone with file access drops the triggers and edits a row.
    const db = new Database(join(dir, 'dock-claim.db'))
    db.exec('DROP TRIGGER audit_no_update')
    db.prepare("UPDATE audit SET operator = 'mallory' WHERE seq = (SELECT MIN(seq) FROM audit)").run()
    db.close()

    const again = await start(dir)
    const info = (await again.dispatch('app.info', {}, ctx)) as { ok: true; value: { auditChain: { ok: boolean; firstBadSeq: number | null } } }
    expect(info.value.auditChain.ok).toBe(false)
    expect(info.value.auditChain.firstBadSeq).toBe(1)
  })
})
