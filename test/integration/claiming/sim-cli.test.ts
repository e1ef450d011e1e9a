import { spawn, type ChildProcess } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// `npx dock-claim sim` as a real child process, then the README curl sequence (token →
// claimInfo → dry-run claim) with fetch. The JWT is built here by hand, not with the client,
// exactly as the README's node one-liner does.
const root = join(__dirname, '../../..')
const SIM_COMMAND = ['npx', ['dock-claim', 'sim', '--seed', 'resources/training-seed.json', '--port', '0']] as const

let child: ChildProcess
let out = ''
const env: Record<string, string> = {}

beforeAll(async () => {
  child = spawn(SIM_COMMAND[0], [...SIM_COMMAND[1]], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()))
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not start within 45 s; output:\n${out}`)), 45_000)
    const poll = setInterval(() => {
      if (/DT_SERVICE_ACCOUNT_EMAIL=\S+/.test(out)) {
        clearInterval(poll)
        clearTimeout(timer)
        resolve()
      }
    }, 50)
    child.on('exit', (code) => {
      clearInterval(poll)
      clearTimeout(timer)
      reject(new Error(`simulator exited early with ${code}; output:\n${out}`))
    })
  })
  for (const m of out.matchAll(/^(DT_[A-Z_]+)=(\S+)$/gm)) env[m[1]!] = m[2]!
}, 60_000)

afterAll(() => {
  // Only if a test failed before the SIGTERM test: end the npx process group we started.
  if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGKILL')
})

function jwt(keyId: string, secret: string, email: string, aud: string): string {
  const b = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  const unsigned = `${b({ alg: 'HS256', typ: 'JWT', kid: keyId })}.${b({ iat: now, exp: now + 3600, aud, iss: email })}`
  return `${unsigned}.${createHmac('sha256', Buffer.from(secret, 'utf8')).update(unsigned).digest('base64url')}`
}

describe('npx dock-claim sim', () => {
  it('prints the API base, token URL and demo credentials', () => {
    expect(env.DT_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/)
    expect(env.DT_TOKEN_URL).toBe(env.DT_API_URL!.replace(/\/v2$/, '/oauth2/token'))
    expect(env.DT_SERVICE_ACCOUNT_KEY_ID).toMatch(/^[0-9a-v]{19}[0g]$/)
    expect(env.DT_SERVICE_ACCOUNT_SECRET).toBeTruthy()
  })

  it('answers the README sequence: token → claimInfo → dry-run claim', async () => {
    const assertion = jwt(env.DT_SERVICE_ACCOUNT_KEY_ID!, env.DT_SERVICE_ACCOUNT_SECRET!, env.DT_SERVICE_ACCOUNT_EMAIL!, env.DT_TOKEN_URL!)
    const tokenRes = await fetch(env.DT_TOKEN_URL!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ assertion, grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' }).toString()
    })
    expect(tokenRes.status).toBe(200)
    const { access_token } = (await tokenRes.json()) as { access_token: string }
    const auth = { authorization: `Bearer ${access_token}` }

    const orgs = (await (await fetch(`${env.DT_API_URL}/organizations`, { headers: auth })).json()) as { organizations: { name: string }[] }
    const org = orgs.organizations[0]!.name
    const info = await fetch(`${env.DT_API_URL}/claimInfo?identifier=nl-25-hum-0006&organization=${org}`, { headers: auth })
    expect(info.status).toBe(200)
    const kit = (await info.json()) as { type: string; kit: { sensors: { totalCount: number; claimedCount: number } } }
    expect(kit.type).toBe('KIT')
    expect(kit.kit.sensors).toEqual({ totalCount: 25, claimedCount: 8 })

    const projects = (await (await fetch(`${env.DT_API_URL}/projects`, { headers: auth })).json()) as { projects: { name: string; displayName: string }[] }
    const receiving = projects.projects.find((p) => p.displayName.includes('Receiving'))!.name
    const claim = await fetch(`${env.DT_API_URL}/${receiving}/devices:claim?dryRun=true`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ kitIds: ['nl-25-hum-0006'] })
    })
    expect(claim.status).toBe(200)
    const result = (await claim.json()) as { claimedDevices: unknown[]; claimErrors: { devices: { code: string }[] } }
    expect(result.claimedDevices).toHaveLength(17)
    expect(result.claimErrors.devices.map((e) => e.code)).toEqual(Array(9).fill('ALREADY_CLAIMED'))

    const ledger = (await (await fetch(env.DT_API_URL!.replace(/\/v2$/, '/__sim/ledger'))).json()) as { entries: unknown[] }
    expect(ledger.entries).toEqual([]) // a dry run applies nothing
  })

  it('stops cleanly on SIGTERM', async () => {
    const closed = new Promise((r) => child.stdout!.once('close', r))
    process.kill(-child.pid!, 'SIGTERM') // the npx process group we started
    await closed
    expect(out).toContain('DT simulator stopped')
  })
})
