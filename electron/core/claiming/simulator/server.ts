import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fail, routeApi, type RouteResult } from './api-routes'
import { AuthFailure, TokenStore, authenticate, verifyAssertion } from './auth'
import { FaultState, seededRandom, type Faults, type FaultsInput } from './faults'
import { parseSeed, type Seed } from './seed'
import { World, type LedgerEntry } from './world'
import { handleControl } from './control'

export interface SimulatorOptions {
  /** A parsed seed object (validated again here) — see seed.ts. */
  seed: Seed | unknown
  /** 0 (default) picks a free port. */
  port?: number
  host?: string
  /** Seeds the PRNG behind jitter and fault rates (default 1). */
  randomSeed?: number
  faults?: FaultsInput
  /** Per-credential sliding window (DT: 25 requests / 5 s). `false` disables it. */
  rateLimit?: { max: number; windowMs: number } | false
  /** Access-token lifetime (DT: 3600 s). */
  tokenLifetimeSeconds?: number
  /** Clock for token expiry and the rate window (tests may inject one). */
  now?: () => number
}

export interface SimulatorStats {
  requests: number
  apiRequests: number
  tokensIssued: number
  tokenRequests: number
  rateLimited: number
  injectedErrors: number
  resets: number
  claimRequests: number
}

/** One request as the simulator saw it (arrival time on the simulator's clock). */
export interface SimRequestRecord {
  requestId: string
  at: number
  method: string
  path: string
  keyId: string | null
  status: number | null
}

export interface Simulator {
  /** API base including /v2, e.g. http://127.0.0.1:41234/v2 */
  url: string
  tokenUrl: string
  origin: string
  port: number
  world: World
  ledger(): LedgerEntry[]
  /** The last 10,000 /v2 requests in arrival order; `status` null = connection dropped. */
  requests(): SimRequestRecord[]
  stats(): SimulatorStats
  faults(): Faults
  setFaults(patch: FaultsInput): Faults
  expireTokens(): void
  stop(): Promise<void>
}

const MAX_BODY = 1_000_000

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) reject(new Error('body too large'))
      else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Start a DT simulator on 127.0.0.1. Resolves once it listens. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const seed = parseSeed(options.seed)
  const now = options.now ?? Date.now
  const random = seededRandom(options.randomSeed ?? 1)
  const world = new World(seed)
  const faults = new FaultState(options.faults ?? {}, random, now)
  let tokenSeq = 0
  const tokens = new TokenStore(() => `sim.${(options.randomSeed ?? 1).toString(36)}.${(++tokenSeq).toString(36)}.${Math.floor(random() * 2 ** 48).toString(36)}`)
  const rateLimit = options.rateLimit === undefined ? { max: 25, windowMs: 5000 } : options.rateLimit
  const windows = new Map<string, number[]>()
  const lifetime = options.tokenLifetimeSeconds ?? 3600
  const stats: SimulatorStats = { requests: 0, apiRequests: 0, tokensIssued: 0, tokenRequests: 0, rateLimited: 0, injectedErrors: 0, resets: 0, claimRequests: 0 }
  let requestSeq = 0
  const log: SimRequestRecord[] = []
  let origin = ''

  const send = async (res: ServerResponse, requestId: string, r: RouteResult, extra: Record<string, string> = {}, shape = true): Promise<void> => {
    let text = JSON.stringify(r.body)
    if (shape && r.status === 200 && faults.truncate()) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)))
    const buf = Buffer.from(text, 'utf8')
    res.writeHead(r.status, { 'content-type': 'application/json', 'content-length': String(buf.length), 'x-request-id': requestId, ...extra })
    const slow = shape ? faults.faults.slowBodyMs : 0
    if (slow > 0 && buf.length > 1) {
      const parts = 4
      const step = Math.ceil(buf.length / parts)
      for (let i = 0; i < buf.length; i += step) {
        if (res.destroyed) return
        res.write(buf.subarray(i, i + step))
        await sleep(slow / parts)
      }
      res.end()
    } else res.end(buf)
  }

  const rateLimited = (keyId: string): number | null => {
    if (!rateLimit) return null
    const t = now()
    const w = (windows.get(keyId) ?? []).filter((x) => x > t - rateLimit.windowMs)
    windows.set(keyId, w)
    if (w.length < rateLimit.max) {
      w.push(t)
      return null
    }
    const oldest = w[0] ?? t
    return Math.max(1, Math.ceil((oldest + rateLimit.windowMs - t) / 1000))
  }

  const handleToken = async (req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> => {
    stats.tokenRequests++
    if (req.method !== 'POST') return send(res, requestId, fail(405, 'method not allowed'), {}, false)
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return send(res, requestId, fail(400, 'token requests must be form-encoded'), {}, false)
    }
    const form = new URLSearchParams(await readBody(req))
    const injected = faults.beforeToken()
    if (injected !== null) {
      stats.injectedErrors++
      return send(res, requestId, fail(injected, injected === 400 || injected === 401 ? 'invalid_grant (injected)' : 'identity service error (injected)'), {}, false)
    }
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return send(res, requestId, fail(400, 'unsupported grant_type'), {}, false)
    try {
      const audiences = [`${origin}/oauth2/token`, `http://${req.headers.host ?? ''}/oauth2/token`]
      const account = verifyAssertion(form.get('assertion') ?? '', world.accounts, audiences, Math.floor(now() / 1000))
      const token = tokens.issue(account.keyId, lifetime, now())
      stats.tokensIssued = tokens.issued
      return send(res, requestId, { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: lifetime } }, {}, false)
    } catch (err) {
      if (err instanceof AuthFailure) return send(res, requestId, fail(400, err.message), {}, false)
      throw err
    }
  }

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> => {
    stats.apiRequests++
    const record: SimRequestRecord = { requestId, at: now(), method: req.method ?? 'GET', path: url.pathname + url.search, keyId: null, status: null }
    log.push(record)
    if (log.length > 10_000) log.shift()
    res.on('finish', () => (record.status = res.statusCode))
    // Read the body first so an early answer never leaves unread bytes on a kept-alive socket.
    const text = req.method === 'POST' ? await readBody(req) : ''
    let keyId: string
    try {
      keyId = authenticate(req.headers.authorization, tokens, world.accounts, now())
    } catch (err) {
      if (err instanceof AuthFailure) return send(res, requestId, fail(401, err.message), {}, false)
      throw err
    }
    record.keyId = keyId
    const wait = rateLimited(keyId)
    if (wait !== null) {
      stats.rateLimited++
      return send(res, requestId, fail(429, 'too many requests'), { 'retry-after': String(wait) }, false)
    }
    const injected = faults.beforeApply()
    if (injected) {
      stats.injectedErrors++
      const message = injected.status === 429 ? 'too many requests' : injected.status === 401 ? 'access token expired (injected)' : 'internal error (injected)'
      const r = fail(injected.status, message)
      return send(res, requestId, r, injected.retryAfter ? { 'retry-after': injected.retryAfter } : {}, false)
    }
    let body: unknown = undefined
    if (req.method === 'POST') {
      try {
        body = text === '' ? {} : JSON.parse(text)
      } catch {
        return send(res, requestId, fail(400, 'request body is not valid JSON'))
      }
    }
    const path = url.pathname.slice('/v2'.length)
    if (path.endsWith(':claim')) stats.claimRequests++
    const result = routeApi({ world, keyId, method: req.method ?? 'GET', path, query: url.searchParams, body, requestId, now }, faults.faults.maxClaimBatch)
    const after = result.applied ? faults.afterApply() : null
    const delay = faults.delayMs()
    if (delay > 0) await sleep(delay)
    if (after === 'reset') {
      stats.resets++
      req.socket.resetAndDestroy()
      return
    }
    if (after === 'error') return send(res, requestId, fail(500, 'internal error (injected after apply)'), {}, false)
    return send(res, requestId, result)
  }

  const server = createServer((req, res) => {
    stats.requests++
    const requestId = `sim-${String(++requestSeq).padStart(6, '0')}`
    const url = new URL(req.url ?? '/', 'http://sim.invalid')
    const done = (p: Promise<void>): void => {
      p.catch((err: unknown) => {
        if (!res.headersSent) void send(res, requestId, fail(500, `simulator error: ${(err as Error).message}`), {}, false)
        else res.destroy()
      })
    }
    if (url.pathname === '/oauth2/token') return done(handleToken(req, res, requestId))
    if (url.pathname === '/v2' || url.pathname.startsWith('/v2/')) return done(handleApi(req, res, url, requestId))
    if (url.pathname.startsWith('/__sim/')) {
      return done(
        (async () => {
          const text = req.method === 'POST' || req.method === 'PUT' ? await readBody(req) : ''
          const r = handleControl(req.method ?? 'GET', url.pathname, text, { world, faults, tokens, stats, requests: log })
          return send(res, requestId, r, {}, false)
        })()
      )
    }
    done(send(res, requestId, fail(404, 'not found'), {}, false))
  })
  server.keepAliveTimeout = 5000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  origin = `http://${options.host ?? '127.0.0.1'}:${port}`

  return {
    url: `${origin}/v2`,
    tokenUrl: `${origin}/oauth2/token`,
    origin,
    port,
    world,
    ledger: () => world.ledger.map((e) => ({ ...e })),
    requests: () => log.map((r) => ({ ...r })),
    stats: () => ({ ...stats }),
    faults: () => faults.faults,
    setFaults: (patch) => faults.update(patch),
    expireTokens: () => tokens.expireAll(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
