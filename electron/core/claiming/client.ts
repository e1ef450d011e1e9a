import { z } from 'zod'
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff'
import { systemClock, type Clock } from './clock'
import { DtAmbiguousError, DtApiError } from './errors'
import type { DtCredentials } from './jwt'
import { DT_RATE_LIMIT, SlidingWindowLimiter, type RateLimitOptions } from './rate-limiter'
import { TokenProvider } from './token-provider'
import { Transport, type AuthProvider, type RequestSpec, type TransportEvent, type TransportStats } from './transport'
import type { ClaimInfo, ClaimResult, DtClient, DtOrganization, DtProject, ProjectDevice } from './types'
import { claimInfoSchema, claimResponseSchema, deviceSchema, organizationSchema, pageInfoSchema, projectSchema } from './wire-schemas'

export const DT_API_URL = 'https://api.disruptive-technologies.com/v2'
export const DT_TOKEN_URL = 'https://identity.disruptive-technologies.com/oauth2/token'

export interface DtClientOptions {
  credentials: DtCredentials
  /** API base including /v2 (default DT production). */
  apiUrl?: string
  /** OAuth2 token endpoint (default DT production). */
  tokenUrl?: string
  /** 'oauth' (default, what DT recommends) or 'basic' (development only; must be enabled on the key). */
  auth?: 'oauth' | 'basic'
  rateLimit?: Partial<RateLimitOptions>
  backoff?: Partial<BackoffOptions>
  /** Per-attempt deadline (default 10 s). */
  attemptTimeoutMs?: number
  /** Per-operation budget across retries (default 60 s). */
  operationBudgetMs?: number
  /** Attempts per read/dry-run, the first included (default 5). */
  maxAttempts?: number
  /** Refresh the token this long before it expires (default 60 s). */
  tokenRefreshMarginMs?: number
  /** Page size for lists (≤ 100, default 100). */
  pageSize?: number
  clock?: Clock
  random?: () => number
  fetch?: typeof fetch
  onEvent?: (event: TransportEvent) => void
}

/** The client plus counters for tests, benchmarks and diagnostics. */
export interface DtClientWithStats extends DtClient {
  stats(): TransportStats & { tokenFetches: number }
}

const PAGE_MAX = 100
const IDS_PER_LISTING = 100

/** Build a DT API client (see types.ts for the contract and docs/dt-client-and-simulator.md). */
export function createDtClient(options: DtClientOptions): DtClientWithStats {
  const clock = options.clock ?? systemClock
  const fetchFn = options.fetch ?? globalThis.fetch
  const apiUrl = options.apiUrl ?? DT_API_URL
  const tokenUrl = options.tokenUrl ?? DT_TOKEN_URL
  const pageSize = options.pageSize ?? PAGE_MAX
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > PAGE_MAX) throw new Error(`pageSize must be 1-${PAGE_MAX}`)
  const { keyId, secret, email } = options.credentials
  if (!keyId || !secret || (options.auth !== 'basic' && !email)) throw new Error('DT credentials need a key ID, a secret and an email')
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000

  const tokens = new TokenProvider({
    tokenUrl,
    credentials: options.credentials,
    fetch: fetchFn,
    clock,
    refreshMarginMs: options.tokenRefreshMarginMs ?? 60_000,
    timeoutMs: attemptTimeoutMs
  })
  const basic = `Basic ${Buffer.from(`${keyId}:${secret}`, 'utf8').toString('base64')}`
  const auth: AuthProvider =
    options.auth === 'basic'
      ? { header: async () => basic, invalidate: () => undefined }
      : { header: async () => `Bearer ${await tokens.get()}`, invalidate: (h) => tokens.invalidate(h.slice('Bearer '.length)) }

  const transport = new Transport({
    apiUrl,
    fetch: fetchFn,
    clock,
    random: options.random ?? Math.random,
    limiter: new SlidingWindowLimiter({ ...DT_RATE_LIMIT, ...options.rateLimit }, clock),
    auth,
    attemptTimeoutMs,
    operationBudgetMs: options.operationBudgetMs ?? 60_000,
    maxAttempts: options.maxAttempts ?? 5,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    userAgent: 'DockClaim/0.1',
    onEvent: options.onEvent
  })

  /** Parse with zod; a mismatch is DT answering something we cannot trust. */
  function parse<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
    const r = schema.safeParse(json)
    if (r.success) return r.data
    const detail = r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new DtApiError({ kind: 'bad_response', status: 200, message: `unexpected ${what} from DT (${detail})` })
  }

  async function list<T>(path: string, query: [string, string][], key: string, item: z.ZodType<T>): Promise<T[]> {
    const out: T[] = []
    const seen = new Set<string>()
    let token = ''
    for (;;) {
      const q: [string, string][] = [...query, ['pageSize', String(pageSize)], ...(token ? [['pageToken', token] as [string, string]] : [])]
      const json = await transport.request({ method: 'GET', path, query: q })
      const page = parse(pageInfoSchema, json, `${key} page`)
      out.push(...parse(z.array(item), (json as Record<string, unknown>)[key] ?? [], key))
      if (page.nextPageToken === '') return out
      // A server that hands back a token twice would loop forever.
      if (seen.has(page.nextPageToken)) throw new DtApiError({ kind: 'bad_response', status: 200, message: 'DT repeated a page token' })
      seen.add(page.nextPageToken)
      token = page.nextPageToken
    }
  }

  const seg = encodeURIComponent
  const toDevice = (d: z.infer<typeof deviceSchema>): ProjectDevice => ({
    deviceId: d.name.deviceId,
    projectId: d.name.projectId,
    deviceType: d.type,
    productNumber: d.productNumber
  })

  return {
    async listOrganizations(): Promise<DtOrganization[]> {
      const orgs = await list('/organizations', [], 'organizations', organizationSchema)
      return orgs.map((o) => ({ id: o.name, displayName: o.displayName }))
    },

    async listProjects(organizationId?: string): Promise<DtProject[]> {
      const q: [string, string][] = organizationId ? [['organization', `organizations/${organizationId}`]] : []
      const projects = await list('/projects', q, 'projects', projectSchema)
      return projects.map((p) => ({ id: p.name, displayName: p.displayName, organizationId: p.organization, inventory: p.inventory }))
    },

    async claimInfo(identifier: string, organizationId?: string): Promise<ClaimInfo> {
      if (identifier === '') throw new DtApiError({ kind: 'bad_request', status: null, message: 'empty identifier' })
      const q: [string, string][] = [['identifier', identifier], ...(organizationId ? [['organization', `organizations/${organizationId}`] as [string, string]] : [])]
      const info = parse(claimInfoSchema, await transport.request({ method: 'GET', path: '/claimInfo', query: q }), 'claimInfo answer')
      if (info.type === 'DEVICE') return { type: 'DEVICE', device: pickDevice(info.device) }
      const k = info.kit
      return {
        type: 'KIT',
        kit: {
          kitId: k.kitId,
          displayName: k.displayName,
          sensors: k.sensors ? { totalCount: k.sensors.totalCount, claimedCount: k.sensors.claimedCount } : null,
          cloudConnectors: k.cloudConnectors ? { totalCount: k.cloudConnectors.totalCount, claimedCount: k.cloudConnectors.claimedCount } : null,
          devices: k.devices.map(pickDevice)
        }
      }
    },

    async claim(projectId, body, opts): Promise<ClaimResult> {
      if (typeof opts?.dryRun !== 'boolean') throw new Error('claim: dryRun must be given explicitly')
      const kitIds = body.kitIds ?? []
      const deviceIds = body.deviceIds ?? []
      if (kitIds.length + deviceIds.length === 0) throw new Error('claim: nothing to claim')
      const spec: RequestSpec = {
        method: 'POST',
        path: `/projects/${seg(projectId)}/devices:claim`,
        query: [['dryRun', String(opts.dryRun)]],
        body: { ...(kitIds.length ? { kitIds } : {}), ...(deviceIds.length ? { deviceIds } : {}) },
        ...(opts.dryRun ? {} : { claim: { projectId, kitIds, deviceIds } })
      }
      const json = await transport.request(spec)
      const r = claimResponseSchema.safeParse(json)
      if (!r.success) {
        // A 200 to a real claim means DT did something; an unreadable one is an unknown outcome.
        if (!opts.dryRun) throw new DtAmbiguousError({ projectId, kitIds, deviceIds, status: 200, message: 'claim outcome unknown: unexpected claim answer shape' })
        parse(claimResponseSchema, json, 'claim answer')
      }
      const data = r.data!
      return {
        claimedDevices: data.claimedDevices.map(pickDevice),
        errors: [...data.claimErrors.devices, ...data.claimErrors.kits].map((e) =>
          e.deviceId !== undefined
            ? { kind: 'device' as const, id: e.deviceId, code: e.code, message: e.message }
            : { kind: 'kit' as const, id: e.kitId ?? '', code: e.code, message: e.message }
        )
      }
    },

    async getDevice(projectId: string, deviceId: string): Promise<ProjectDevice> {
      const json = await transport.request({ method: 'GET', path: `/projects/${seg(projectId)}/devices/${seg(deviceId)}` })
      return toDevice(parse(deviceSchema, json, 'device'))
    },

    async listProjectDevices(projectId: string, deviceIds: string[]): Promise<ProjectDevice[]> {
      const unique = [...new Set(deviceIds)]
      const out: ProjectDevice[] = []
      // An empty device_ids filter would list the whole project; that is never what is meant here.
      for (let i = 0; i < unique.length; i += IDS_PER_LISTING) {
        const q = unique.slice(i, i + IDS_PER_LISTING).map((id) => ['device_ids', id] as [string, string])
        const devices = await list(`/projects/${seg(projectId)}/devices`, q, 'devices', deviceSchema)
        out.push(...devices.map(toDevice))
      }
      return out
    },

    stats: () => ({ ...transport.stats, tokenFetches: tokens.fetches })
  }
}

function pickDevice(d: { deviceId: string; deviceType: string; productNumber: string; isClaimed: boolean }) {
  return { deviceId: d.deviceId, deviceType: d.deviceType, productNumber: d.productNumber, isClaimed: d.isClaimed }
}
