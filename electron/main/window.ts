import { BrowserWindow, session, type Session } from 'electron'
import { join } from 'node:path'
import { APP_ORIGIN, isAllowedNavigation, secureWebPreferences } from './security'

/** Deny every permission request and check (camera, HID, notifications…): the renderer needs none. */
export function lockDownSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
  // WebHID/WebUSB/serial pickers: the renderer never talks to devices; node-hid runs in main.
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault()
    callback('')
  })
}

export function createMainWindow(): BrowserWindow {
  lockDownSession(session.defaultSession)
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 1000,
    minHeight: 700,
    show: false,
    title: 'Dock Claim',
    backgroundColor: '#101418',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js'))
  })
  const wc = win.webContents
  wc.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault()
  })
  wc.on('will-redirect', (event) => event.preventDefault())
  wc.on('will-attach-webview', (event) => event.preventDefault())
  wc.setWindowOpenHandler(() => ({ action: 'deny' }))
  win.once('ready-to-show', () => win.show())
  // After a renderer crash, reload: the renderer is only a view of the database. A renderer
  // that keeps crashing is not reloaded forever (at most 3 times a minute).
  const crashes: number[] = []
  wc.on('render-process-gone', () => {
    const now = Date.now()
    crashes.push(now)
    while (crashes.length && (crashes[0] ?? now) < now - 60_000) crashes.shift()
    if (!win.isDestroyed() && crashes.length <= 3) void win.loadURL(`${APP_ORIGIN}/index.html`)
  })
  void win.loadURL(`${APP_ORIGIN}/index.html`)
  return win
}
