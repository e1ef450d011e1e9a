import { mkdirSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { DockError, type AppInfo, type Envelope, type ScannerStatus } from '../../shared/contract'
import trainingSeed from '../../resources/training-seed.json'
import { createAppHandlers } from './app-handlers'
import { createDtClient, type DtClientOptions } from './claiming/client'
import { credentialsFromEnv } from './claiming/credentials'
import { startSimulator, type Simulator, type SimulatorOptions } from './claiming/simulator/server'
import type { DtClient } from './claiming/types'
import { createDispatcher, type CallContext, type Handlers } from './dispatcher'
import { EventBus } from './event-bus'
import type { HidBackend } from './scanners/hid-types'
import { createScannerService, type ScannerService } from './scanners/scanner-service'
import { createSessionService, type SessionService } from './session/session-service'
import { MemorySecretStore, type Credentials, type SecretStore } from './settings/secret-store'
import { createSettingsService, defaultSettings, type SettingsService } from './settings/settings-service'
import { openStore, type Store } from './store/open-store'

export interface CoreOptions {
  /** Where the database and exports live (the app passes Electron's userData). */
  dataDir: string
  shell: AppInfo['shell']
  /** Station name for the audit log; defaults to the host name. */
  station?: string
  /** Force training mode on/off; by default the stored setting (true on first start). */
  training?: boolean
  /** Replace the demo warehouse (tests). */
  trainingSeed?: unknown
  /** Simulator options for training mode (tests: faults, rate limit, latency). */
  simulator?: Omit<SimulatorOptions, 'seed'>
  /** Extra DT client options (tests: small timeouts, limiter). */
  dtClient?: Partial<DtClientOptions>
  secrets?: SecretStore
  /** node-hid (app), the fake backend (tests) or null (no HID scanning). */
  hidBackend?: HidBackend | null
  clock?: () => Date
  env?: NodeJS.ProcessEnv
  version?: string
  log?: (message: string, detail?: unknown) => void
}

export interface Core {
  dispatch(channel: unknown, input: unknown, ctx: CallContext): Promise<Envelope<unknown>>
  events: EventBus
  settings: SettingsService
  store: Store
  sessions: SessionService
  scanners: ScannerService | null
  /** The in-process DT simulator while in training mode. */
  simulator(): Simulator | null
  dt(): Promise<DtClient>
  close(): Promise<void>
}

/**
 * The composition root: builds store, settings, DT client (real DT or the training simulator),
 * scanners and the session engine from injected parts. Runs in plain Node: the Electron main
 * process, the browser harness, the CLI and tests all call this.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? (() => new Date())
  const log = options.log ?? (() => {})
  const env = options.env ?? process.env
  const station = options.station ?? (hostname().slice(0, 64) || 'station')
  mkdirSync(options.dataDir, { recursive: true })
  const exportDir = join(options.dataDir, 'exports')
  mkdirSync(exportDir, { recursive: true })

  const events = new EventBus()
  const store = openStore({ path: join(options.dataDir, 'dock-claim.db'), station, clock })
  // Check the audit chain once per start (about 2 s per million rows): an edited, deleted or
  // reordered row is reported on every screen, not only when someone opens the audit view.
  const chainAtStart = store.audit.verify()
  if (!chainAtStart.ok) log(`audit chain broken at row ${chainAtStart.firstBadSeq}: ${chainAtStart.reason}`)
  const settings = createSettingsService(store.kv, options.secrets ?? new MemorySecretStore(), defaultSettings(station, true), {
    // Only DT's hosts (or loopback) may receive our bearer token, unless a developer opts out.
    allowCustomDtHosts: env.DOCK_CLAIM_ALLOW_CUSTOM_DT_HOSTS === '1'
  })
  if (options.training !== undefined && settings.current().trainingMode !== options.training) {
    await settings.update({ trainingMode: options.training })
  }

  const dt = setupDt()
  const scanners = setupScanners()
  const sessions = createSessionService({
    store,
    dt: dt.get,
    events,
    settings,
    station,
    exportDir,
    clock,
    beepError: (id) => {
      void scanners?.beepError(id)
    }
  })
  settings.onChange((s) => {
    dt.invalidate()
    events.emit('settings.changed', s)
  })

  const info = (): AppInfo => ({
    version: options.version ?? '0.1.0',
    trainingMode: settings.current().trainingMode,
    station,
    apiUrl: dt.apiUrl(),
    shell: options.shell,
    auditChain: { ok: chainAtStart.ok, checked: chainAtStart.checked, firstBadSeq: chainAtStart.firstBadSeq, reason: chainAtStart.reason }
  })
  const handlers: Handlers = {
    ...createAppHandlers({ info, settings, dt: dt.get, scanners: (): ScannerStatus[] => scanners?.list() ?? [] }),
    ...sessions.handlers
  }
  const dispatcher = createDispatcher(handlers, log)

  if (scanners) {
    scanners.on('status', (s) => events.emit('scanner.status', s))
    scanners.on('scan', (scan) => {
      events.emit('scanner.test', { scannerId: scan.scannerId, text: scan.text, aim: scan.aim, rawHex: scan.rawHex })
      void sessions.handleHidScan({ scannerId: scan.scannerId, text: scan.text, aim: scan.aim, at: new Date(scan.at) })
    })
  }
  await sessions.start()
  await scanners?.start()

  return {
    dispatch: (c, i, ctx) => dispatcher.dispatch(c, i, ctx),
    events,
    settings,
    store,
    sessions,
    scanners,
    simulator: () => dt.simulator(),
    dt: dt.get,
    async close() {
      await scanners?.stop()
      await sessions.stop()
      await dt.stop()
      store.close()
    }
  }

  /** Real DT with stored (or DT_SERVICE_ACCOUNT_*) credentials, or the simulator in training mode. */
  function setupDt() {
    let sim: Simulator | null = null
    let simStarting: Promise<Simulator> | null = null
    let client: { key: string; client: DtClient } | null = null
    const seed = options.trainingSeed ?? trainingSeed

    async function simulator(): Promise<Simulator> {
      simStarting ??= startSimulator({ seed, ...(options.simulator ?? {}) }).then((s) => (sim = s))
      return simStarting
    }
    async function credentials(): Promise<{ creds: Credentials; apiUrl: string; tokenUrl: string }> {
      const s = settings.current()
      if (s.trainingMode) {
        const running = await simulator()
        const account = (seed as { serviceAccounts: Credentials[] }).serviceAccounts[0]
        if (!account) throw new DockError('no_credentials', 'The training seed has no service account.')
        return { creds: { keyId: account.keyId, secret: account.secret, email: account.email }, apiUrl: running.url, tokenUrl: running.tokenUrl }
      }
      // Stored (safeStorage) credentials win; else DT's own environment variables or DT_CREDENTIALS_FILE.
      const stored = await settings.credentials().catch(() => null)
      let fromEnv: ReturnType<typeof credentialsFromEnv> = null
      try {
        fromEnv = stored ? null : credentialsFromEnv(env)
      } catch (err) {
        throw new DockError('no_credentials', err instanceof Error ? err.message : String(err))
      }
      const creds = stored ?? fromEnv?.credentials ?? null
      if (!creds) throw new DockError('no_credentials', 'No DT credentials: a supervisor enters them in Settings (or switch on training mode).')
      return { creds, apiUrl: s.apiUrl, tokenUrl: (!stored && fromEnv?.tokenUrl) || s.tokenUrl }
    }
    return {
      simulator: () => sim,
      apiUrl: () => (settings.current().trainingMode ? (sim?.url ?? 'training simulator') : settings.current().apiUrl),
      invalidate() {
        client = null
      },
      async get(): Promise<DtClient> {
        const { creds, apiUrl, tokenUrl } = await credentials()
        const key = `${apiUrl}|${tokenUrl}|${creds.keyId}|${creds.email}`
        if (client?.key !== key) {
          client = { key, client: createDtClient({ apiUrl, tokenUrl, credentials: creds, ...(options.dtClient ?? {}) }) }
        }
        return client.client
      },
      async stop() {
        if (simStarting) await (await simStarting).stop()
      }
    }
  }

  function setupScanners(): ScannerService | null {
    if (!options.hidBackend) return null
    // The session engine decides which scans are rejected (invalid, duplicate, held) and beeps.
    return createScannerService({ backend: options.hidBackend, log, beepOnInvalid: false })
  }
}
