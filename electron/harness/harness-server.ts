import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Core } from '../core/create-core'
import { contentTypeFor, resolveStaticFile } from '../main/static-files'
import { BRIDGE_SCRIPT } from './bridge-script'

/**
 * The browser harness: the real core in Node, the built renderer served on 127.0.0.1, and
 * `window.dock` bridged to the real dispatcher. Used by `npm run start:browser` and by every
 * Playwright test. Guarded by a random per-run token and a Host check (no DNS rebinding); it only
 * ever listens on loopback.
 */
export interface Harness {
  /** Open this in a browser: it carries the token in the fragment. */
  url: string
  origin: string
  token: string
  close(): Promise<void>
}

/** Same policy as the app, except connect-src 'self': the bridge talks to this server. */
export const HARNESS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

const MAX_BODY = 4 * 1024 * 1024

export async function startHarness(opts: { core: Core; rendererRoot: string; port?: number }): Promise<Harness> {
  const token = randomBytes(24).toString('base64url')
  const sse = new Set<ServerResponse>()
  let origin = ''

  const tokenOk = (given: string | null | undefined): boolean => {
    const a = Buffer.from(given ?? '')
    const b = Buffer.from(token)
    return a.length === b.length && timingSafeEqual(a, b)
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only our own origin: a page on another site (or a rebinding DNS name) gets nothing.
    if (req.headers.host !== new URL(origin).host) return void res.writeHead(421).end()
    const url = new URL(req.url ?? '/', origin)
    if (url.pathname === '/__dock/bridge.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' })
      return void res.end(BRIDGE_SCRIPT)
    }
    if (url.pathname === '/__dock/invoke') return invoke(req, res)
    if (url.pathname === '/__dock/events') {
      if (!tokenOk(url.searchParams.get('token'))) return void res.writeHead(403).end()
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      res.write(': connected\n\n')
      sse.add(res)
      req.on('close', () => sse.delete(res))
      return
    }
    if (req.method !== 'GET') return void res.writeHead(405).end()
    const file = resolveStaticFile(opts.rendererRoot, url.pathname)
    if (!file) return void res.writeHead(404).end('Not found')
    let body: Buffer | string = await readFile(file)
    if (file.endsWith('.html')) {
      // The bridge must exist before the app's module script runs.
      body = body.toString('utf8').replace('<head>', '<head><script src="/__dock/bridge.js"></script>')
    }
    res.writeHead(200, {
      'content-type': contentTypeFor(file),
      'content-security-policy': HARNESS_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store'
    })
    res.end(body)
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))
    }
    if (req.method !== 'POST') return reply(405, { ok: false, error: { code: 'invalid_input', message: 'POST only' } })
    if (!tokenOk(req.headers['x-dock-token'] as string | undefined)) {
      return reply(403, { ok: false, error: { code: 'forbidden_sender', message: 'Bad or missing harness token.' } })
    }
    if (req.headers.origin && req.headers.origin !== origin) {
      return reply(403, { ok: false, error: { code: 'forbidden_sender', message: 'Cross-origin call refused.' } })
    }
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req) {
      size += (chunk as Buffer).length
      if (size > MAX_BODY) return reply(413, { ok: false, error: { code: 'invalid_input', message: 'Request too large.' } })
      chunks.push(chunk as Buffer)
    }
    let msg: { channel?: unknown; input?: unknown }
    try {
      msg = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof msg
    } catch {
      return reply(400, { ok: false, error: { code: 'invalid_input', message: 'Body is not JSON.' } })
    }
    reply(200, await opts.core.dispatch(msg.channel, msg.input, { origin: 'harness' }))
  }

  const offEvents = opts.core.events.onAny((name, payload) => {
    const line = `data: ${JSON.stringify({ name, payload })}\n\n`
    for (const res of sse) res.write(line)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      offEvents()
      for (const res of sse) res.end()
      sse.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
