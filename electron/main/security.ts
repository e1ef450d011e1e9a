import type { WebPreferences } from 'electron'

/** The app's own origin: the renderer is served from this custom protocol, never file://. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'dock-claim'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * Strict CSP sent as a header by the app protocol. connect-src 'none': the renderer has no
 * network at all; every DT call runs in main (the Signal model).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** The only web preferences the window is created with; a unit test pins every flag. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false
  }
}

/** The parts of a WebFrameMain the sender check reads (so it is testable without Electron). */
export interface FrameLike {
  url: string
  parent: unknown
}

/**
 * Accept IPC only from the main frame of our own page. Sub-frames and any other origin are
 * rejected (GHSA-mq8j-3h7h-p8g7 workaround; VS Code's validatedIpcMain does the same). The URL is
 * parsed, never prefix-matched, because `startsWith` checks can be fooled.
 * `senderFrame` is null after a navigation or destroyed frame: rejected.
 */
export function isTrustedSender(frame: FrameLike | null | undefined, isOurWindow: boolean): boolean {
  if (!frame || !isOurWindow) return false
  if (frame.parent !== null) return false
  let url: URL
  try {
    url = new URL(frame.url)
  } catch {
    return false
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST
}

/** Navigation is never allowed away from the loaded page (in-app routing is client-side). */
export function isAllowedNavigation(_url: string): boolean {
  return false
}
