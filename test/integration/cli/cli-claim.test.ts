import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Item } from '../../../shared/contract'
import type { Simulator } from '../../../electron/core/claiming/simulator/server'
import { simulator, tempDir, W } from '../session/engine-harness'

const BIN = join(__dirname, '../../../electron/cli.cjs')
let sim: Simulator
let tmp: ReturnType<typeof tempDir>

beforeAll(async () => {
  sim = await simulator()
  tmp = tempDir('dock-cli-')
})
afterAll(async () => {
  await sim.stop()
  tmp.cleanup()
})

function cli(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DT_SERVICE_ACCOUNT_KEY_ID: W.keyId, DT_SERVICE_ACCOUNT_SECRET: W.secret, DT_SERVICE_ACCOUNT_EMAIL: W.email }
    delete env.DT_CREDENTIALS_FILE
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdin.end(stdin ?? '')
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

const db = () => join(tmp.dir, 'cli.db')
const api = () => ['--api-url', sim.url, '--token-url', sim.tokenUrl]

describe('npx dock-claim (child process against a seeded simulator)', () => {
  const pallet = [W.loose[0], W.loose[1], W.loose[0], `https://example.com/d/${W.loose[2]}`, W.kitA, W.kitADevices[2], W.kitP, W.elsewhere[0], W.unknown[0], W.unknown[1], '=HYPERLINK("x")'].join('\n') + '\n'

  it('--dry-run previews the pallet, claims nothing and exits 1 because of problem items', async () => {
    const file = join(tmp.dir, 'pallet.txt')
    writeFileSync(file, pallet)
    const r = await cli(['claim', '--project', W.project, '--db', db(), ...api(), '--dry-run', '--json', file])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout) as { dryRun: boolean; claimed: boolean; items: Item[]; review: { deviceCount: number }; session: { summary: Record<string, number> } }
    expect(out).toMatchObject({ dryRun: true, claimed: false })
    expect(out.review.deviceCount).toBe(3 + 4 + 2)
    expect(out.session.summary).toMatchObject({ duplicates: 1, notFound: 2, invalid: 1, kits: 2 })
    const state = (id: string) => out.items.find((i) => i.identifier === id)?.state
    expect(state(W.elsewhere[0]!)).toBe('claimed_elsewhere')
    expect(state(W.kitADevices[2]!)).toBe('covered')
    expect(sim.ledger()).toHaveLength(0)
  })

  it('claims from stdin, prints per-item results and exits 1 when anything failed', async () => {
    const r = await cli(['claim', '--project', W.project, '--db', db(), ...api(), '--reference', 'PO-9', '-'], pallet)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('CLAIMED')
    expect(r.stdout).toMatch(new RegExp(`claimed\\s+kit\\s+${W.kitA}`))
    expect(r.stdout).toMatch(new RegExp(`claimed_elsewhere\\s+device\\s+${W.elsewhere[0]}`))
    expect(r.stdout).toMatch(new RegExp(`not_found\\s+device\\s+${W.unknown[0]}`))
    const ledger = sim.ledger()
    expect(ledger.map((e) => e.deviceId).sort()).toEqual([W.loose[0]!, W.loose[1]!, W.loose[2]!, ...W.kitADevices, W.kitPDevices[2]!, W.kitPDevices[3]!].sort())
    expect(new Set(ledger.map((e) => e.projectId))).toEqual(new Set([W.project]))
  })

  it('a clean file exits 0; devices this station claimed before show as claimed_here', async () => {
    const file = join(tmp.dir, 'clean.txt')
    writeFileSync(file, `${W.loose[3]}\n${W.loose[0]}\n`)
    const r = await cli(['claim', '--project', W.project, '--db', db(), ...api(), '--json', file])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { items: Item[] }
    expect(out.items.find((i) => i.identifier === W.loose[0])?.state).toBe('claimed_here')
    expect(out.items.find((i) => i.identifier === W.loose[3])?.state).toBe('claimed')
  })

  it('sessions, audit verify and audit export work on the same database', async () => {
    const s = await cli(['sessions', '--db', db(), '--json'])
    expect(s.code).toBe(0)
    expect((JSON.parse(s.stdout) as unknown[]).length).toBe(3)
    const v = await cli(['audit', 'verify', '--db', db(), '--json'])
    expect(v.code).toBe(0)
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, firstBadSeq: null })
    const e = await cli(['audit', 'export', '--db', db(), '--out-dir', join(tmp.dir, 'out')])
    expect(e.code).toBe(0)
    const path = e.stdout.trim()
    expect(path.startsWith(join(tmp.dir, 'out'))).toBe(true)
    expect(existsSync(path)).toBe(true)
    const csv = readFileSync(path, 'utf8')
    expect(csv).toContain('scan.recorded')
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m)
  })

  it('usage errors exit 2 with a clear message', async () => {
    const r = await cli(['claim', '--db', db(), 'x.txt'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--project is required')
    const u = await cli(['audit', 'nope', '--db', db()])
    expect(u.code).toBe(2)
    const missing = await cli(['audit', 'verify', '--db', join(tmp.dir, 'typo.db')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no database at')
    expect(existsSync(join(tmp.dir, 'typo.db'))).toBe(false)
  })
})
