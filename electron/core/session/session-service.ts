import { DockError, type ScanOutcome, type Session } from '../../../shared/contract'
import type { Handlers } from '../dispatcher'
import type { EventBus } from '../event-bus'
import type { DtClient } from '../claiming/types'
import type { SettingsService } from '../settings/settings-service'
import type { Store } from '../store/types'
import { createAuditHandlers } from '../store/audit-handlers'
import { createClaimHandlers } from './claim-handlers'
import { ClaimRunner, type ClaimRunnerOptions } from './claim-runner'
import { EngineContext } from './engine-context'
import { createLookupWorker, type LookupWorker } from './lookup-worker'
import { compareManifest, parseManifest } from './manifest'
import { createScanIntake, type IncomingScan } from './scan-intake'
import type { SessionModel } from './session-model'
import type { Lookup } from './types'

export type SessionChannel = Exclude<
  keyof Handlers,
  `app.${string}` | `settings.${string}` | `dt.${string}` | `scanners.${string}`
>

/** A decoded HID scan as the scanner service delivers it. */
export interface HidScan {
  scannerId: string
  text: string
  aim: string | null
  at: Date
}

export interface SessionDeps {
  store: Store
  /** Resolves the DT client (throws DockError 'no_credentials' when none is configured). */
  dt: () => Promise<DtClient>
  events: EventBus
  settings: SettingsService
  station: string
  exportDir: string
  clock: () => Date
  /** Ask a scanner to sound its error beep (rejected scan), where supported. */
  beepError: (scannerId: string) => void
  /** Tuning for tests and benchmarks (optional). */
  tuning?: { claim?: ClaimRunnerOptions; batchLookups?: boolean; lookupMaxWaitMs?: number }
}

export interface SessionService {
  handlers: Pick<Handlers, SessionChannel>
  handleHidScan(scan: HidScan): Promise<void>
  /** Any other input path (the CLI reads files: source 'file'); same parser, same hot path. */
  submitScan(scan: IncomingScan): ScanOutcome
  /** Recovery: reconcile unfinished batches, restart background lookups. */
  start(): Promise<void>
  stop(): Promise<void>
  /** Resolves when background lookups and claims are quiet (CLI, tests, benchmarks). */
  idle(): Promise<void>
  /** Request counters of the background lookups (benchmarks). */
  lookupStats(): { claimInfo: number; dryRuns: number }
}

/**
 * The receiving session engine: scans (durable before acknowledged), the preview with its
 * background lookups, manifests, the two-phase claim and exports. See docs/session.md.
 */
export function createSessionService(deps: SessionDeps): SessionService {
  const ctx = new EngineContext(deps)
  const runner = new ClaimRunner(ctx, deps.tuning?.claim)
  const worker: LookupWorker = createLookupWorker(ctx, { useBatching: deps.tuning?.batchLookups ?? true, maxWaitMs: deps.tuning?.lookupMaxWaitMs })
  const intake = createScanIntake(ctx, () => worker.kick(), () => worker.offline())
  const { store } = deps

  const summaryOf = (id: string): Session => ctx.model(id).contractSession()
  const openModel = (sessionId: string): SessionModel => ctx.model(sessionId)

  function setStatus(m: SessionModel, to: Session['status']): Session {
    if (m.session.status === 'committing') throw new DockError('conflict', 'A claim is running for this session.')
    if (m.session.status === 'done' && to !== 'done') throw new DockError('conflict', 'This session is finished.')
    if (m.session.status !== to) m.session = store.sessions.setStatus(m.session.id, to)
    m.invalidate()
    ctx.publish(m)
    return m.contractSession()
  }

  async function projectName(organizationId: string, projectId: string): Promise<string> {
    let projects
    try {
      projects = await (await deps.dt()).listProjects(organizationId)
    } catch {
      // Offline start is allowed (scans wait as pending); the project is checked again at review.
      return projectId
    }
    const p = projects.find((x) => x.id === projectId)
    if (!p) throw new DockError('not_found', `Project ${projectId} is not in organization ${organizationId} for this service account.`)
    return p.displayName
  }

  const handlers: Pick<Handlers, SessionChannel> = {
    'session.list': () => store.sessions.list().map((s) => summaryOf(s.id)),
    'session.start': async (input) => {
      const name = await projectName(input.organizationId, input.projectId)
      const s = store.sessions.create({ organizationId: input.organizationId, projectId: input.projectId, projectName: name, operator: input.operator, reference: input.reference })
      ctx.activeSessionId = s.id
      return summaryOf(s.id)
    },
    'session.get': (input) => openModel(input.sessionId).view(),
    'session.pause': (input) => {
      const m = openModel(input.sessionId)
      const out = setStatus(m, 'paused')
      if (ctx.activeSessionId === m.session.id) ctx.activeSessionId = null
      return out
    },
    'session.resume': (input) => {
      const m = openModel(input.sessionId)
      const out = setStatus(m, 'open')
      ctx.activeSessionId = m.session.id
      return out
    },
    'session.submitScan': (input) => intake.submit({ sessionId: input.sessionId, text: input.payload, source: input.source, scannerId: null, aim: null, at: deps.clock() }),
    'session.removeItem': (input) => {
      const m = openModel(input.sessionId)
      if (m.session.status !== 'open') throw new DockError('conflict', 'Items can only be removed while the session is open.')
      intake.removeItem(m, input.itemId, 'removed_by_operator')
      ctx.publish(m)
      return m.view()
    },
    'session.undoLast': (input) => {
      const m = openModel(input.sessionId)
      if (m.session.status !== 'open') throw new DockError('conflict', 'Undo works only while the session is open.')
      intake.undoLast(m)
      ctx.publish(m)
      return m.view()
    },
    'session.ackHold': (input) => {
      const m = openModel(input.sessionId)
      m.held = false
      store.audit.append({ eventType: 'scan.hold.ack', outcome: 'ok', sessionId: m.session.id })
      return { held: false }
    },
    'session.importManifest': (input) => {
      const m = openModel(input.sessionId)
      const rows = parseManifest(input.text)
      store.manifests.import(m.session.id, rows, { text: input.text })
      m.reload()
      ctx.publish(m)
      return compareManifest(rows, scannedKits(m))
    },
    'session.manifest': (input) => {
      const m = openModel(input.sessionId)
      const latest = store.manifests.latest(m.session.id)
      return latest ? compareManifest(latest.rows, scannedKits(m)) : null
    },
    ...createClaimHandlers(ctx, runner),
    ...createAuditHandlers(deps)
  }

  return {
    handlers,
    async handleHidScan(scan) {
      intake.submit({ sessionId: ctx.activeSessionId, text: scan.text, source: 'hid', scannerId: scan.scannerId, aim: scan.aim, at: scan.at })
    },
    submitScan: (scan) => intake.submit(scan),
    async start() {
      // Recovery first: a chunk caught mid-send is ambiguous; queue every unfinished batch so it
      // is reconciled (and finished) before any new claim can run (the runner is one queue).
      const unfinished = store.claims.unfinishedBatches()
      for (const b of unfinished) {
        for (const c of store.claims.chunks(b.id)) if (c.state === 'sending' || c.state === 'reconciling') store.claims.markUnknownAfterRestart(c.id)
        const s = store.sessions.get(b.sessionId)
        if (s && s.status !== 'committing') store.sessions.setStatus(s.id, 'committing')
      }
      for (const b of unfinished) void runner.run(b.id)
      // A session left committing without an unfinished batch (crash right after the batch ended).
      for (const s of store.sessions.list()) {
        if (s.status === 'committing' && !unfinished.some((b) => b.sessionId === s.id)) store.sessions.setStatus(s.id, 'open')
      }
      const pending = store.items.listByState(['pending', 'lookup_failed'])
      for (const sid of new Set(pending.map((i) => i.sessionId))) ctx.model(sid)
      const open = store.sessions.list().find((s) => s.status === 'open')
      ctx.activeSessionId ??= open?.id ?? null
      if (pending.length) worker.kick()
    },
    async stop() {
      worker.stop()
      runner.stop()
    },
    async idle() {
      for (;;) {
        await worker.idle()
        await runner.idle()
        const stillBusy = ctx.loadedModels().some((m) => runner.busy(m.session.id))
        if (!stillBusy) return
      }
    },
    lookupStats: () => worker.stats()
  }
}

function scannedKits(m: SessionModel): Map<string, number | null> {
  const out = new Map<string, number | null>()
  for (const [key, it] of m.items) {
    if (it.kind !== 'kit') continue
    const l = it.lookup as Lookup | null
    out.set(key, l?.status === 'kit' ? l.kit.devices.length : null)
  }
  return out
}
