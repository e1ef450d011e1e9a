import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, isAllowedNavigation, isTrustedSender, secureWebPreferences } from '../../../electron/main/security'
import { resolveStaticFile } from '../../../electron/main/static-files'

describe('BrowserWindow web preferences', () => {
  it('pins isolation, sandbox and no Node in the renderer', () => {
    const p = secureWebPreferences('/x/preload.js')
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false })
  })
})

describe('CSP', () => {
  it('has no unsafe sources and no renderer network', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/)
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
  })
})

describe('IPC sender check', () => {
  const main = { url: 'app://dock-claim/index.html', parent: null }
  it('accepts only the main frame of our own page in our window', () => {
    expect(isTrustedSender(main, true)).toBe(true)
    expect(isTrustedSender(main, false)).toBe(false)
    expect(isTrustedSender(null, true)).toBe(false)
    expect(isTrustedSender({ ...main, parent: {} }, true)).toBe(false)
  })
  it('parses the URL instead of prefix matching', () => {
    for (const url of ['app://dock-claim.evil.com/', 'https://dock-claim/', 'app://evil/?app://dock-claim/', 'file:///app://dock-claim/', 'not a url']) {
      expect(isTrustedSender({ url, parent: null }, true), url).toBe(false)
    }
  })
  it('denies every navigation', () => {
    expect(isAllowedNavigation('app://dock-claim/index.html')).toBe(false)
    expect(isAllowedNavigation('https://example.com')).toBe(false)
  })
})

describe('static file resolution (app:// and harness)', () => {
  const root = mkdtempSync(join(tmpdir(), 'dock-static-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<html></html>')
  writeFileSync(join(root, 'assets', 'a.js'), '')
  const outside = mkdtempSync(join(tmpdir(), 'dock-outside-'))
  writeFileSync(join(outside, 'secret.txt'), 'x')
  symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'))

  it('serves files inside the root', () => {
    expect(resolveStaticFile(root, '/')).toMatch(/index\.html$/)
    expect(resolveStaticFile(root, '/assets/a.js')).toMatch(/a\.js$/)
  })
  it('refuses traversal, encoded traversal, NUL and symlinks out of the root', () => {
    for (const p of ['/../' + outside + '/secret.txt', '/..%2f..%2fetc%2fpasswd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/index.html%00.js', '/link.txt', '/%E0%A4%A']) {
      expect(resolveStaticFile(root, p), p).toBeNull()
    }
  })
})
