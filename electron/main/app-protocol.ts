import { protocol } from 'electron'
import { readFile } from 'node:fs/promises'
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security'
import { contentTypeFor, resolveStaticFile } from './static-files'

/** Must run before app 'ready': app:// behaves like a standard, secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } }
  ])
}

/**
 * Serve the built renderer from app://dock-claim/ with the strict CSP as a real header
 * (file:// cannot carry headers and can read any file on disk; this protocol reads only rendererRoot).
 */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    const file = url.host === APP_HOST ? resolveStaticFile(rendererRoot, url.pathname) : null
    if (!file) return new Response('Not found', { status: 404 })
    const body = await readFile(file)
    return new Response(body, {
      headers: {
        'content-type': contentTypeFor(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff'
      }
    })
  })
}
