import { realpathSync } from 'node:fs'
import { extname, resolve, sep } from 'node:path'

// Pure helpers (no Electron import) shared by the app:// protocol and the browser harness.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json'
}

export function contentTypeFor(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Map a URL path to a file inside `root`, or null. Resolve → realpath → require the result to be
 * inside root (compared with a trailing separator), so `..`, encoded slashes and symlinks cannot
 * escape (CWE-22; Signal's protocol filter does the same).
 */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  try {
    const realRoot = realpathSync(root)
    const real = realpathSync(resolve(realRoot, rel))
    return real.startsWith(realRoot + sep) ? real : null
  } catch {
    return null
  }
}
