import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildLargeSeed, LARGE_SEED as L } from '../../../electron/core/claiming/simulator/large-seed'
import { startSimulator } from '../../../electron/core/claiming/simulator/server'
import { FAILPOINT_NAMES } from '../../../electron/core/session/failpoints'
import { openStore } from '../../../electron/core/store/open-store'
import { tempDir } from './engine-harness'

/**
 * Crash tests (reliability.md R1/R2, P1/P3): the engine runs in a child process that is
 * SIGKILLed at named failpoints (FAILPOINTS=<name>=kill@k) or at a random time, then restarted
 * until it finishes. Ground truth: the simulator's ledger plus the acknowledged scans.
 */
const seed = buildLargeSeed({ kits: 3, kitSize: 9, cconsPerKit: 1, looseDevices: 25, claimedElsewhere: 0 })
const kitIds = seed.kits.map((k) => k.kitId)
const loose = seed.devices.slice(30, 55).map((d) => d.deviceId)
const payloads = [...kitIds, ...loose.slice(0, 12), loose[0]!, ...loose.slice(12)]
const expected = new Set([...seed.kits.flatMap((k) => k.deviceIds), ...loose])
const CHILD = join(__dirname, 'crash-child.ts')
const ROOT = join(__dirname, '../../..')

interface RunResult {
  acks: string[]
  done: boolean
  code: number | null
  signal: NodeJS.Signals | null
  stderr: string
}

function runChild(configPath: string, env: Record<string, string>, killAfterMs: number | null): Promise<RunResult> {
  return new Promise((resolve) => {
    // TSX_DISABLE_CACHE: a SIGKILL mid-compile must not leave half-written files in tsx's shared cache.
    // One process (node + tsx's loader), so SIGKILL hits the engine itself, not a wrapper that
    // would leave it running and holding the database lock.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, configPath], { cwd: ROOT, env: { ...process.env, TSX_DISABLE_CACHE: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer)
      const lines = out.split('\n')
      resolve({ acks: lines.filter((l) => l.startsWith('ACK ')).map((l) => l.slice(4)), done: lines.includes('DONE'), code, signal, stderr })
    })
  })
}

/** Wall time of one uninterrupted child run (start → DONE) on this machine. */
async function timeCleanRun(): Promise<number> {
  const tmp = tempDir('dock-crash-')
  const sim = await startSimulator({ seed, rateLimit: false })
  try {
    const configPath = join(tmp.dir, 'config.json')
    writeFileSync(configPath, JSON.stringify({ dbPath: join(tmp.dir, 'dock.db'), exportDir: join(tmp.dir, 'x'), apiUrl: sim.url, tokenUrl: sim.tokenUrl, keyId: L.keyId, secret: L.secret, email: L.email, organizationId: L.organizationId, projectId: L.targetProjectId, payloads, chunkSize: 10 }))
    const t0 = Date.now()
    const r = await runChild(configPath, {}, null)
    expect(r.done).toBe(true)
    return Date.now() - t0
  } finally {
    await sim.stop()
    tmp.cleanup()
  }
}

/** The child's error line without its stack (vitest would try to source-map the child's files). */
function firstLine(stderr: string): string {
  return stderr.split('\n').find((l) => l.trim() !== '' && !/^\s+at /.test(l))?.slice(0, 300) ?? ''
}

async function round(kill: { failpoints: string[] } | { randomMs: number }): Promise<number> {
  const tmp = tempDir('dock-crash-')
  const sim = await startSimulator({ seed, rateLimit: false })
  try {
    const dbPath = join(tmp.dir, 'dock.db')
    const configPath = join(tmp.dir, 'config.json')
    writeFileSync(configPath, JSON.stringify({ dbPath, exportDir: join(tmp.dir, 'x'), apiUrl: sim.url, tokenUrl: sim.tokenUrl, keyId: L.keyId, secret: L.secret, email: L.email, organizationId: L.organizationId, projectId: L.targetProjectId, payloads, chunkSize: 10 }))
    const acked = new Set<string>()
    const plan = 'failpoints' in kill ? kill.failpoints.map((fp) => ({ env: { FAILPOINTS: fp }, ms: null })) : [{ env: {}, ms: kill.randomMs }]
    let killed = 0
    for (const step of plan) {
      const r = await runChild(configPath, step.env, step.ms)
      for (const a of r.acks) acked.add(a)
      if (r.signal === 'SIGKILL') killed++
      else expect(r.code, firstLine(r.stderr)).toBe(0)
    }
    // Restart without faults until the engine reports it finished.
    let finished = false
    for (let i = 0; i < 3 && !finished; i++) {
      const r = await runChild(configPath, {}, null)
      for (const a of r.acks) acked.add(a)
      expect(r.code, firstLine(r.stderr)).toBe(0)
      finished = r.done
    }
    expect(finished).toBe(true)
    if ('failpoints' in kill) expect(killed, `failpoints ${kill.failpoints.join(' ')} were hit`).toBeGreaterThan(0)

    const ledger = sim.ledger()
    const ids = ledger.map((e) => e.deviceId)
    expect(new Set(ids).size, 'I4: no device applied twice').toBe(ids.length)
    expect(ledger.every((e) => e.projectId === L.targetProjectId), 'I5: only the target project').toBe(true)
    expect(new Set(ids), 'I6: every device claimed').toEqual(expected)

    const store = openStore({ path: dbPath, station: 'check' })
    try {
      expect(store.integrityCheck(), 'I2').toEqual(['ok'])
      expect(store.audit.verify().ok, 'I3').toBe(true)
      const session = store.sessions.list()[0]
      expect(session?.status).toBe('done')
      const scanned = new Set(store.scans.list(session?.id ?? '').map((s) => s.identifier))
      for (const a of acked) expect(scanned.has(a), `I1: acknowledged scan ${a} is in the database`).toBe(true)
      const claimedRows = store.claims.listBatches(session?.id ?? '').flatMap((b) => store.claims.devices(b.id)).filter((d) => d.status === 'claimed')
      expect(new Set(claimedRows.map((d) => d.deviceId))).toEqual(expected)
    } finally {
      store.close()
    }
    return killed
  } finally {
    await sim.stop()
    tmp.cleanup()
  }
}

const named: string[][] = []
for (const fp of FAILPOINT_NAMES) {
  if (fp === 'mid_reconcile') continue
  for (const k of fp === 'after_scan_commit' ? [1, 7, 20] : fp === 'after_ready_commit' ? [1] : [1, 2, 4]) named.push([`${fp}=kill@${k}`])
}
// mid_reconcile needs an ambiguous chunk first: crash after the POST, then during the reconcile.
for (const k of [1, 2, 3]) named.push([`after_send_before_commit=kill@${k}`, 'mid_reconcile=kill@1'])

describe('crash recovery with kill -9 (child process, simulator ledger as ground truth)', () => {
  it.each(named.map((n) => [n.join(' then ')] as const))('failpoint %s', async (label) => {
    await round({ failpoints: label.split(' then ') })
  }, 120_000)

  // Kill times spread over one clean run of this machine (measured once), so they land while
  // the engine scans, looks up, reviews and claims rather than after it finished.
  const randomKills: number[] = []
  let cleanRunMs = 0
  it.each([0.03, 0.09, 0.15, 0.21, 0.27, 0.33, 0.39, 0.45, 0.51, 0.57, 0.63, 0.69, 0.75, 0.81, 0.87, 0.93].map((f) => [f] as const))('random kill at %f of a clean run', async (fraction) => {
    if (cleanRunMs === 0) cleanRunMs = await timeCleanRun()
    randomKills.push(await round({ randomMs: Math.round(fraction * cleanRunMs) }))
  }, 120_000)

  it('most random kills landed while the engine was running', () => {
    expect(randomKills).toHaveLength(16)
    expect(randomKills.filter((k) => k > 0).length).toBeGreaterThanOrEqual(10)
  })
})
