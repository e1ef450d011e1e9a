import { World } from './world'

/** What a route answers; the server turns it into JSON (or an error body) and applies faults. */
export interface RouteResult {
  status: number
  body: unknown
  /** True when a REAL claim changed state (after-apply faults only fire then). */
  applied?: boolean
}

export interface RouteContext {
  world: World
  keyId: string
  method: string
  /** Path below /v2, e.g. "/projects/abc/devices:claim". */
  path: string
  query: URLSearchParams
  body: unknown
  requestId: string
  now: () => number
}

/** A DT-shaped error result. */
export function fail(status: number, error: string): RouteResult {
  return { status, body: { error, code: status, help: `https://docs.d21s.com/error/#${status}` } }
}

const MAX_PAGE = 100

/** Page a list the DT way: pageToken/page_token in, nextPageToken out ("" on the last page). */
function paginate<T>(items: T[], query: URLSearchParams): { page: T[]; nextPageToken: string } | RouteResult {
  const sizeRaw = query.get('pageSize') ?? query.get('page_size')
  const size = sizeRaw === null ? MAX_PAGE : Number(sizeRaw)
  // DT documents 100 as the maximum; refusing more (rather than clamping) exposes client bugs.
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) return fail(400, `page size must be an integer 1-${MAX_PAGE}`)
  const token = query.get('pageToken') ?? query.get('page_token') ?? ''
  let offset = 0
  if (token !== '') {
    const m = /^o(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'))
    if (!m) return fail(400, 'invalid page token')
    offset = Number(m[1])
  }
  const page = items.slice(offset, offset + size)
  const next = offset + size < items.length ? Buffer.from(`o${offset + size}`).toString('base64url') : ''
  return { page, nextPageToken: next }
}

const isResult = (x: unknown): x is RouteResult => typeof x === 'object' && x !== null && 'status' in x

/** `organizations/<id>` or a bare ID (the Swift client sends the bare ID). */
function orgParam(value: string | null): string | null {
  if (value === null) return null
  return value.startsWith('organizations/') ? value.slice('organizations/'.length) : value
}

function list(ctx: RouteContext, key: string, items: object[]): RouteResult {
  const p = paginate(items, ctx.query)
  if (isResult(p)) return p
  return { status: 200, body: { [key]: p.page, nextPageToken: p.nextPageToken } }
}

function routeOrganizations(ctx: RouteContext, rest: string[]): RouteResult {
  const account = ctx.world.accounts.get(ctx.keyId)
  const mine = [...ctx.world.organizations.keys()].filter((id) => account?.organizations.includes(id))
  if (rest.length === 0) return list(ctx, 'organizations', mine.map((id) => ctx.world.organizationJson(id)))
  const [id = ''] = rest
  if (rest.length === 1 && mine.includes(id)) return { status: 200, body: ctx.world.organizationJson(id) }
  return fail(404, 'not found')
}

function routeClaim(ctx: RouteContext, projectId: string, maxBatch: number | null): RouteResult {
  if (ctx.method !== 'POST') return fail(405, 'method not allowed')
  if (!ctx.world.projects.has(projectId)) return fail(404, 'not found')
  if (!ctx.world.canAccessProject(ctx.keyId, projectId)) return fail(403, 'insufficient permissions')
  const dryRun = ctx.query.get('dryRun') ?? ctx.query.get('dry_run')
  // DT's default for an omitted dryRun is unknown; the simulator refuses, so a client that
  // forgets to send it is caught in tests instead of claiming by accident.
  if (dryRun !== 'true' && dryRun !== 'false') return fail(400, 'dryRun must be given as true or false')
  const body = ctx.body
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(400, 'request body must be a JSON object')
  const { kitIds = [], deviceIds = [] } = body as Record<string, unknown>
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0)
  if (!strings(kitIds) || !strings(deviceIds)) return fail(400, 'kitIds and deviceIds must be arrays of non-empty strings')
  if (kitIds.length + deviceIds.length === 0) return fail(400, 'nothing to claim: give kitIds or deviceIds')
  const size = World.batchSize(kitIds, deviceIds)
  if (maxBatch !== null && size > maxBatch) return fail(400, `too many items in claim request: ${size} given, at most ${maxBatch} allowed`)
  const meta = { requestId: ctx.requestId, keyId: ctx.keyId, at: new Date(ctx.now()).toISOString() }
  const res = ctx.world.claim(projectId, kitIds, deviceIds, dryRun === 'true', meta)
  return { status: 200, body: res, applied: dryRun === 'false' && res.claimedDevices.length > 0 }
}

function routeProjects(ctx: RouteContext, rest: string[], maxBatch: number | null): RouteResult {
  const { world } = ctx
  const [first, second, third] = rest
  if (first === undefined) {
    const org = orgParam(ctx.query.get('organization'))
    const account = world.accounts.get(ctx.keyId)
    const items = [...world.projects.values()].filter(
      (p) => account?.organizations.includes(p.organization) && (org === null || p.organization === org)
    )
    return list(ctx, 'projects', items.map((p) => world.projectJson(p.id)))
  }
  const claimMatch = /^(.+)\/devices:claim$/.exec(rest.join('/'))
  if (claimMatch) return routeClaim(ctx, claimMatch[1] ?? '', maxBatch)
  if (first !== '-' && !world.projects.has(first)) return fail(404, 'not found')
  if (first !== '-' && !world.canAccessProject(ctx.keyId, first)) return fail(403, 'insufficient permissions')
  if (second === undefined) return { status: 200, body: world.projectJson(first) }
  if (second !== 'devices' || rest.length > 3) return fail(404, 'not found')
  const visible = (projectId: string | null): boolean =>
    projectId !== null && (first === '-' ? world.canAccessProject(ctx.keyId, projectId) : projectId === first)
  if (third !== undefined) {
    const d = world.devices.get(third)
    if (!d || !visible(d.claimedInto)) return fail(404, 'not found')
    return { status: 200, body: world.deviceJson(d) }
  }
  const ids = [...ctx.query.getAll('device_ids'), ...ctx.query.getAll('deviceIds')]
  const types = [...ctx.query.getAll('device_types'), ...ctx.query.getAll('deviceTypes')]
  const org = orgParam(ctx.query.get('organization'))
  const wanted = ids.length ? new Set(ids) : null
  const devices = [...world.devices.values()].filter(
    (d) =>
      visible(d.claimedInto) &&
      (wanted === null || wanted.has(d.deviceId)) &&
      (types.length === 0 || types.includes(d.deviceType)) &&
      (org === null || world.projects.get(d.claimedInto ?? '')?.organization === org)
  )
  return list(ctx, 'devices', devices.map((d) => world.deviceJson(d)))
}

function routeClaimInfo(ctx: RouteContext): RouteResult {
  const identifier = ctx.query.get('identifier')
  if (!identifier) return fail(400, 'identifier is required')
  const org = orgParam(ctx.query.get('organization'))
  if (org !== null) {
    if (!ctx.world.organizations.has(org)) return fail(404, 'not found')
    if (!ctx.world.accounts.get(ctx.keyId)?.organizations.includes(org)) return fail(403, 'insufficient permissions')
  }
  const info = ctx.world.claimInfo(identifier)
  return info ? { status: 200, body: info } : fail(404, 'not found')
}

/** Path segments, percent-decoded; null when an escape is malformed (decodeURIComponent throws). */
export function decodeSegments(path: string): string[] | null {
  try {
    return path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s))
  } catch {
    return null
  }
}

/** Route one authenticated /v2 request. */
export function routeApi(ctx: RouteContext, maxClaimBatch: number | null): RouteResult {
  const segments = decodeSegments(ctx.path)
  if (segments === null) return fail(400, 'malformed percent-encoding in the request path')
  const [head, ...rest] = segments
  if (ctx.method !== 'GET' && !(ctx.method === 'POST' && ctx.path.endsWith(':claim'))) return fail(405, 'method not allowed')
  if (head === 'organizations') return routeOrganizations(ctx, rest)
  if (head === 'projects') return routeProjects(ctx, rest, maxClaimBatch)
  if (head === 'claimInfo' && rest.length === 0) return routeClaimInfo(ctx)
  return fail(404, 'not found')
}
