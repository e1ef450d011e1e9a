import { app, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import { createCore, type Core } from '../core/create-core'
import { createNodeHidBackend } from '../core/scanners/node-hid-backend'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { bindIpc } from './ipc'
import { SafeStorageSecretStore } from './safe-storage-secrets'
import { createMainWindow } from './window'

// The composition root of the Electron shell: a flat list of setup steps. Everything with logic
// lives in electron/core (plain Node, tested without Electron).

let win: BrowserWindow | null = null
let core: Core | null = null

registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  // Two instances would both read every scanner and write the same database.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })
  app.on('window-all-closed', () => app.quit())
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-navigate', (event) => event.preventDefault())
  })
  // Close HID handles and the database before exiting (the WAL checkpoint and the lock).
  let closing = false
  app.on('before-quit', (event) => {
    if (!core || closing) return
    event.preventDefault()
    closing = true
    void core.close().finally(() => app.exit(0))
  })
  void app.whenReady().then(start)
}

async function start(): Promise<void> {
  serveRenderer(join(__dirname, '../renderer'))
  const userData = app.getPath('userData')
  try {
    core = await createCore({
      dataDir: userData,
      shell: 'electron',
      version: app.getVersion(),
      secrets: new SafeStorageSecretStore(join(userData, 'dt-credentials.bin')),
      hidBackend: createNodeHidBackend(),
      log: (m, d) => console.error(`[dock-claim] ${m}`, d ?? '')
    })
  } catch (err) {
    // e.g. the database is held by another Dock Claim: say so and stop, never run half-open.
    const { dialog } = await import('electron')
    dialog.showErrorBox('Dock Claim cannot start', err instanceof Error ? err.message : String(err))
    app.exit(1)
    return
  }
  bindIpc(core, () => win)
  win = createMainWindow()
}
