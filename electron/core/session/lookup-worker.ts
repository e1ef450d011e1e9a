import { DockError, type ItemState } from '../../../shared/contract'
import { DtApiError } from '../claiming/errors'
import type { ClaimInfo, DtClient } from '../claiming/types'
import type { ItemPatch } from '../store/types'
import type { EngineContext } from './engine-context'
import { lateOutcomes } from './late-outcomes'
import type { SessionModel } from './session-model'
import type { Lookup } from './types'

export interface LookupWorker {
  /** New pending items exist: look them up soon (debounced so a burst becomes one batch). */
  kick(): void
  /** True while the last lookup attempt could not reach DT (scans then answer 'pending'). */
  offline(): boolean
  /** Resolves once no lookup is running and nothing is due now. */
  idle(): Promise<void>
  /** Stats for benchmarks: requests made by this worker. */
  stats(): { claimInfo: number; dryRuns: number }
  stop(): void
}

const DEBOUNCE_MS = 25
const BACKOFF_BASE_MS = 1000
const BACKOFF_CAP_MS = 60_000

/**
 * Background lookups that scale to a pallet (issue item 5): a kit costs one claimInfo; loose
 * devices are resolved in chunks with ONE dry-run claim each (claimedDevices → claimable,
 * ALREADY_CLAIMED → claimed); only what a chunk cannot tell (NOT_FOUND may be a kit ID that
 * looks like a device ID, unknown codes, omitted IDs) falls back to claimInfo per ID. Every call
 * goes through the client's rate limiter. Failures keep the item pending with capped, jittered
 * backoff; nothing is ever dropped.
 */
export function createLookupWorker(ctx: EngineContext, options: { useBatching?: boolean; maxWaitMs?: number } = {}): LookupWorker {
  const batching = options.useBatching ?? true
  // A partial chunk of loose devices waits at most this long for more scans: at human scan
  // speed this turns one-request-per-scan into one request per ~maxWait of scanning.
  const maxWaitMs = options.maxWaitMs ?? 1500
  const retryAt = new Map<string, number>() // `${sessionId}\0${identifier}` → epoch ms
  const pendingSince = new Map<string, number>()
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null
  let again = false
  let isOffline = false
  let stopped = false
  let waitUntil = Infinity
  let timerDue = 0
  const counters = { claimInfo: 0, dryRuns: 0 }

  function due(m: SessionModel, now: number): { kits: string[]; devices: string[] } {
    const kits: string[] = []
    const devices: string[] = []
    for (const [key, it] of m.items) {
      if (it.kind === 'problem') continue
      const l = it.lookup as Lookup | null
      if (l && l.status !== 'pending' && l.status !== 'failed') continue
      const k = `${m.session.id}\0${key}`
      if ((retryAt.get(k) ?? 0) > now) continue
      if (!pendingSince.has(k)) pendingSince.set(k, l?.status === 'failed' ? 0 : now)
      if (it.kind === 'kit') kits.push(key)
      else devices.push(key)
    }
    return { kits, devices }
  }

  /** Loose devices to send now: whole chunks, plus the rest once the oldest waited maxWaitMs. */
  function takeDevices(m: SessionModel, devices: string[], now: number): { take: string[]; waitMs: number | null } {
    if (!batching || devices.length === 0) return { take: devices, waitMs: null }
    const since = (d: string) => pendingSince.get(`${m.session.id}\0${d}`) ?? 0
    const sorted = [...devices].sort((a, b) => since(a) - since(b))
    const size = ctx.deps.settings.current().chunkSize
    // Whole chunks go now (oldest first); the partial remainder only once ITS oldest item has
    // waited maxWaitMs, so a backlog never produces extra half-empty requests.
    const full = Math.floor(sorted.length / size) * size
    const rest = sorted[full]
    if (rest === undefined) return { take: sorted, waitMs: null }
    const restAge = now - since(rest)
    if (restAge >= maxWaitMs) return { take: sorted, waitMs: null }
    return { take: sorted.slice(0, full), waitMs: Math.max(5, maxWaitMs - restAge) }
  }

  function stateFor(l: Lookup): ItemState {
    if (l.status === 'pending') return 'pending'
    if (l.status === 'failed') return 'lookup_failed'
    if (l.status === 'not_found') return 'not_found'
    if (l.status === 'device') return l.isClaimed ? 'claimed_elsewhere' : 'to_claim'
    return 'to_claim'
  }

  function apply(m: SessionModel, updates: Map<string, Lookup>): void {
    if (updates.size === 0) return
    const now = Date.now()
    const rows = ctx.deps.store.transaction(() =>
      [...updates].flatMap(([key, l]) => {
        const it = m.items.get(key)
        if (!it) return [] // removed meanwhile
        const patch: ItemPatch = { lookup: l, state: stateFor(l) }
        if (l.status === 'kit') patch.kind = 'kit'
        if (l.status === 'failed') {
          patch.lookupAttempts = l.attempts
          patch.lookupError = l.lastError
          const wait = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(l.attempts - 1, 10))
          retryAt.set(`${m.session.id}\0${key}`, now + wait / 2 + Math.random() * (wait / 2))
        } else retryAt.delete(`${m.session.id}\0${key}`)
        pendingSince.delete(`${m.session.id}\0${key}`)
        return [[key, ctx.deps.store.items.update(it.id, patch)] as const]
      })
    )
    const resolved: string[] = []
    for (const [key, row] of rows) {
      const before = m.lookupOf(key)
      if ((!before || before.status === 'pending' || before.status === 'failed') && (row.lookup as Lookup).status !== 'failed') resolved.push(key)
      m.items.set(key, row)
    }
    const claimedIds: string[] = []
    for (const [key, r] of rows) {
      const l = r.lookup as Lookup
      if (l.status === 'device' && l.isClaimed) claimedIds.push(key)
      if (l.status === 'kit') for (const d of l.kit.devices) claimedIds.push(d.deviceId)
    }
    m.refreshClaimedHere(claimedIds)
    if (rows.some(([, r]) => (r.lookup as Lookup).status === 'kit')) m.reloadResults()
    m.invalidate()
    ctx.publish(m)
    lateOutcomes(ctx, m, resolved)
  }

  function failed(m: SessionModel, key: string, err: unknown): Lookup {
    const prev = m.lookupOf(key)
    const attempts = (prev && (prev.status === 'pending' || prev.status === 'failed') ? prev.attempts : 0) + 1
    const lastError = err instanceof DtApiError || err instanceof DockError ? err.message : err instanceof Error ? err.message : String(err)
    return { status: 'failed', attempts, lastError }
  }

  function fromInfo(info: ClaimInfo): Lookup {
    if (info.type === 'KIT') {
      const k = info.kit
      const sensors = k.sensors?.totalCount ?? k.devices.filter((d) => d.deviceType !== 'ccon').length
      const cc = k.cloudConnectors?.totalCount ?? k.devices.filter((d) => d.deviceType === 'ccon').length
      return { status: 'kit', kit: { kitId: k.kitId, displayName: k.displayName, sensors, cloudConnectors: cc, devices: k.devices.map((d) => ({ ...d })) } }
    }
    return { status: 'device', deviceType: info.device.deviceType, productNumber: info.device.productNumber, isClaimed: info.device.isClaimed }
  }

  async function info(client: DtClient, m: SessionModel, key: string): Promise<Lookup> {
    counters.claimInfo++
    try {
      const l = fromInfo(await client.claimInfo(key, m.session.organizationId))
      isOffline = false
      return l
    } catch (err) {
      if (err instanceof DtApiError && err.kind === 'not_found') return { status: 'not_found' }
      if (err instanceof DtApiError && (err.kind === 'unavailable' || err.kind === 'rate_limited')) isOffline = true
      return failed(m, key, err)
    }
  }

  async function lookupDevices(client: DtClient, m: SessionModel, ids: string[]): Promise<Map<string, Lookup>> {
    const out = new Map<string, Lookup>()
    // Members of kits already looked up in this session need no request at all.
    const members = new Map<string, Lookup>()
    for (const it of m.items.values()) {
      const l = it.lookup as Lookup | null
      if (l?.status === 'kit') for (const d of l.kit.devices) members.set(d.deviceId, { status: 'device', deviceType: d.deviceType, productNumber: d.productNumber, isClaimed: d.isClaimed })
    }
    const ask: string[] = []
    for (const id of ids) {
      const known = members.get(id)
      if (known) out.set(id, known)
      else ask.push(id)
    }
    if (!batching) {
      // One claimInfo per scan (the baseline the benchmark compares with), 16 in flight.
      let next = 0
      const lane = async () => {
        while (next < ask.length && !stopped) {
          const id = ask[next++] as string
          out.set(id, await info(client, m, id))
        }
      }
      await Promise.all(Array.from({ length: 16 }, lane))
      return out
    }
    const chunkSize = ctx.deps.settings.current().chunkSize
    for (let i = 0; i < ask.length && !stopped; i += chunkSize) {
      const chunk = ask.slice(i, i + chunkSize)
      const fallback: string[] = []
      counters.dryRuns++
      try {
        const res = await client.claim(m.session.projectId, { deviceIds: chunk }, { dryRun: true })
        isOffline = false
        for (const d of res.claimedDevices) if (chunk.includes(d.deviceId)) out.set(d.deviceId, { status: 'device', deviceType: d.deviceType, productNumber: d.productNumber, isClaimed: false })
        for (const e of res.errors) {
          if (e.kind !== 'device') continue
          if (e.code === 'ALREADY_CLAIMED') out.set(e.id, { status: 'device', deviceType: '', productNumber: '', isClaimed: true })
        }
        for (const id of chunk) if (!out.has(id)) fallback.push(id)
      } catch (err) {
        if (err instanceof DtApiError && (err.kind === 'bad_request' || err.kind === 'not_found')) fallback.push(...chunk)
        else {
          if (!(err instanceof DtApiError) || err.kind === 'unavailable' || err.kind === 'rate_limited') isOffline = true
          for (const id of chunk) out.set(id, failed(m, id, err))
        }
      }
      for (const id of fallback) out.set(id, await info(client, m, id))
      apply(m, out)
      out.clear()
    }
    return out
  }

  async function runOnce(): Promise<void> {
    let client: DtClient
    try {
      client = await ctx.deps.dt()
    } catch (err) {
      isOffline = true
      for (const m of ctx.loadedModels()) {
        const { kits, devices } = due(m, Date.now())
        apply(m, new Map([...kits, ...devices].map((k) => [k, failed(m, k, err)])))
      }
      return
    }
    waitUntil = Infinity
    for (const m of ctx.loadedModels()) {
      if (stopped) return
      const { kits, devices } = due(m, Date.now())
      if (kits.length === 0 && devices.length === 0) continue
      // Kits first: their member lists resolve scanned member devices for free.
      const kitResults = await Promise.all(kits.map(async (k) => [k, await info(client, m, k)] as const))
      apply(m, new Map(kitResults))
      const stillDue = devices.filter((d) => {
        const l = m.lookupOf(d)
        return !l || l.status === 'pending' || l.status === 'failed'
      })
      const { take, waitMs } = takeDevices(m, stillDue, Date.now())
      if (waitMs !== null) waitUntil = Math.min(waitUntil, Date.now() + waitMs)
      apply(m, await lookupDevices(client, m, take))
    }
  }

  function schedule(delay: number): void {
    if (stopped) return
    if (timer) clearTimeout(timer)
    timerDue = Date.now() + delay
    timer = setTimeout(() => {
      timer = null
      void run()
    }, delay)
  }

  async function run(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        try {
          await runOnce()
        } catch (err) {
          // A storage failure while saving lookups: report it; the items stay pending and are
          // looked up again on the next kick or at start.
          ctx.storageError(err)
        }
      } while (again && !stopped)
    })().finally(() => {
      running = null
      let next = waitUntil
      for (const t of retryAt.values()) if (t < next) next = t
      if (Number.isFinite(next)) schedule(Math.max(10, next - Date.now()))
    })
    return running
  }

  return {
    // Throttle, not debounce: a steady stream of scans must not postpone lookups forever.
    kick: () => {
      if (running) again = true
      else if (!timer || timerDue > Date.now() + DEBOUNCE_MS) schedule(DEBOUNCE_MS)
    },
    offline: () => isOffline,
    async idle() {
      while (timer || running) {
        if (timer && !running) {
          const pendingNow = ctx.loadedModels().some((m) => {
            const d = due(m, Date.now())
            return d.kits.length + d.devices.length > 0
          })
          if (!pendingNow) return
        }
        await (running ?? new Promise((r) => setTimeout(r, 10)))
      }
    },
    stats: () => ({ ...counters }),
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = null
    }
  }
}
