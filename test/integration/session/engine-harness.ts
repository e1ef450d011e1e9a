import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { channels, isChannel, type EventName } from '../../../shared/contract'
import { createDtClient, type DtClientOptions, type DtClientWithStats } from '../../../electron/core/claiming/client'
import { deterministicDtId } from '../../../electron/core/claiming/ids'
import type { Seed } from '../../../electron/core/claiming/simulator/seed'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../electron/core/claiming/simulator/server'
import { EventBus } from '../../../electron/core/event-bus'
import { createSessionService, type SessionDeps, type SessionService } from '../../../electron/core/session/session-service'
import { MemorySecretStore } from '../../../electron/core/settings/secret-store'
import { createSettingsService, defaultSettings, type SettingsService } from '../../../electron/core/settings/settings-service'
import { openStore, type Store } from '../../../electron/core/store/open-store'

const id = (ns: string, n = 1) => deterministicDtId(`session-test-${ns}`, n)

/** A small, fully known DT world for the session tests. */
export const W = {
  org: id('org'),
  otherOrg: id('org', 2),
  project: id('project'),
  sameOrgOther: id('project', 2),
  foreignProject: id('project', 3),
  keyId: id('key'),
  secret: 'session-test-secret-1234',
  email: 'dock@session-test.serviceaccount.d21s.com',
  /** Kit with 4 unclaimed devices. */
  kitA: 'kit-alpha-01',
  kitADevices: [1, 2, 3, 4].map((n) => id('kitA', n)),
  /** Kit with 4 devices, 2 already claimed into a project of another organization. */
  kitP: 'kit-partial-02',
  kitPDevices: [1, 2, 3, 4].map((n) => id('kitP', n)),
  loose: [1, 2, 3, 4, 5, 6].map((n) => id('loose', n)),
  /** Loose devices claimed by someone else (another organization). */
  elsewhere: [1, 2].map((n) => id('else', n)),
  /** Valid-looking IDs DT does not know. */
  unknown: [id('unknown', 1), 'kit-nobody-99']
}

export function smallSeed(): Seed {
  const dev = (deviceId: string, claimedInto: string | null = null) => ({ deviceId, deviceType: 'temperature', productNumber: '102067', claimedInto })
  return {
    organizations: [
      { id: W.org, displayName: 'Test Warehouse' },
      { id: W.otherOrg, displayName: 'Someone Else' }
    ],
    projects: [
      { id: W.project, organization: W.org, displayName: 'Receiving', inventory: false },
      { id: W.sameOrgOther, organization: W.org, displayName: 'Other', inventory: false },
      { id: W.foreignProject, organization: W.otherOrg, displayName: 'Foreign', inventory: false }
    ],
    serviceAccounts: [{ keyId: W.keyId, secret: W.secret, email: W.email, basicAuth: true, organizations: [W.org] }],
    kits: [
      { kitId: W.kitA, displayName: 'Starter kit A', deviceIds: W.kitADevices },
      { kitId: W.kitP, displayName: 'Partial kit P', deviceIds: W.kitPDevices }
    ],
    devices: [
      ...W.kitADevices.map((d) => dev(d)),
      ...W.kitPDevices.map((d, i) => dev(d, i < 2 ? W.foreignProject : null)),
      ...W.loose.map((d) => dev(d)),
      ...W.elsewhere.map((d) => dev(d, W.foreignProject))
    ]
  }
}

export interface Engine {
  store: Store
  settings: SettingsService
  service: SessionService
  events: EventBus
  client: DtClientWithStats
  seen: { name: EventName; payload: unknown }[]
  beeps: string[]
  call<T = unknown>(channel: string, input: unknown): Promise<T>
  close(): Promise<void>
}

export function tempDir(prefix = 'dock-session-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A real engine: SQLite file, real DT client over HTTP to the simulator. */
export async function startEngine(opts: {
  dbPath: string
  exportDir: string
  sim: Simulator
  credentials?: { keyId: string; secret: string; email: string }
  client?: Partial<DtClientOptions>
  tuning?: SessionDeps['tuning']
  settings?: Partial<ReturnType<typeof defaultSettings>>
  start?: boolean
}): Promise<Engine> {
  const store = openStore({ path: opts.dbPath, station: 'dock-1' })
  const settings = createSettingsService(store.kv, new MemorySecretStore(), { ...defaultSettings('dock-1', false), ...opts.settings })
  const events = new EventBus()
  const seen: Engine['seen'] = []
  events.onAny((name, payload) => seen.push({ name, payload }))
  const client = createDtClient({
    credentials: opts.credentials ?? { keyId: W.keyId, secret: W.secret, email: W.email },
    apiUrl: opts.sim.url,
    tokenUrl: opts.sim.tokenUrl,
    backoff: { baseMs: 20, capMs: 200 },
    attemptTimeoutMs: 3000,
    ...opts.client
  })
  const beeps: string[] = []
  const service = createSessionService({
    store,
    dt: async () => client,
    events,
    settings,
    station: 'dock-1',
    exportDir: opts.exportDir,
    clock: () => new Date(),
    beepError: (s) => beeps.push(s),
    tuning: { lookupMaxWaitMs: 100, ...(opts.tuning ?? { claim: { retryBaseMs: 20, maxTries: 6 } }) }
  })
  if (opts.start !== false) await service.start()
  const handlers = service.handlers as Record<string, (i: unknown, c: unknown) => unknown>
  return {
    store,
    settings,
    service,
    events,
    client,
    seen,
    beeps,
    async call<T>(channel: string, input: unknown): Promise<T> {
      const h = handlers[channel]
      if (!h || !isChannel(channel)) throw new Error(`no handler ${channel}`)
      // Same checks as the dispatcher: input parsed by the contract, output must match it.
      const parsed = channels[channel].input.parse(input)
      const out = await h(parsed, { origin: 'test' })
      return channels[channel].output.parse(out) as T
    },
    async close() {
      await service.stop()
      store.close()
    }
  }
}

export async function simulator(extra: Partial<SimulatorOptions> = {}, seed: Seed = smallSeed()): Promise<Simulator> {
  return startSimulator({ seed, rateLimit: false, ...extra })
}
