import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

// Electron's binary cannot run here, so the glue is exercised against a mock that mirrors the
// parts of Electron's API it uses (same names and call shapes as electron.d.ts).
const h = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>()
  const sessionHandlers: Record<string, unknown> = {}
  const wcHandlers = new Map<string, (...a: unknown[]) => void>()
  const state = { backend: 'gnome_libsecret', available: true, openHandler: null as null | (() => unknown), lastOptions: null as unknown }
  const webContents = {
    on: (name: string, fn: (...a: unknown[]) => void) => wcHandlers.set(name, fn),
    setWindowOpenHandler: (fn: () => unknown) => (state.openHandler = fn),
    send: vi.fn()
  }
  class BrowserWindow {
    webContents = webContents
    constructor(opts: unknown) {
      state.lastOptions = opts
    }
    once() {}
    loadURL = vi.fn(async () => {})
    isDestroyed() {
      return false
    }
  }
  return {
    handlers,
    sessionHandlers,
    wcHandlers,
    state,
    webContents,
    electron: {
      ipcMain: {
        handle: (name: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => handlers.set(name, fn),
        removeHandler: (name: string) => handlers.delete(name)
      },
      BrowserWindow,
      session: {
        defaultSession: {
          setPermissionRequestHandler: (fn: unknown) => (sessionHandlers.request = fn),
          setPermissionCheckHandler: (fn: unknown) => (sessionHandlers.check = fn),
          setDevicePermissionHandler: (fn: unknown) => (sessionHandlers.device = fn),
          on: (name: string, fn: unknown) => (sessionHandlers[name] = fn)
        }
      },
      safeStorage: {
        isAsyncEncryptionAvailable: async () => state.available,
        getSelectedStorageBackend: () => state.backend,
        encryptStringAsync: async (s: string) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
        decryptStringAsync: async (b: Buffer) => ({ shouldReEncrypt: false, result: Buffer.from(b.toString().slice(4), 'base64').toString() })
      }
    }
  }
})
vi.mock('electron', () => h.electron)

const { bindIpc } = await import('../../../electron/main/ipc')
const { createMainWindow } = await import('../../../electron/main/window')
const { SafeStorageSecretStore } = await import('../../../electron/main/safe-storage-secrets')
const { EventBus } = await import('../../../electron/core/event-bus')

describe('IPC binding', () => {
  const calls: unknown[] = []
  const core = {
    events: new EventBus(),
    dispatch: async (channel: unknown, input: unknown) => {
      calls.push([channel, input])
      return { ok: true, value: 'dispatched' }
    }
  }
  const win = { webContents: h.webContents, isDestroyed: () => false }
  beforeEach(() => {
    calls.length = 0
    h.handlers.clear()
    bindIpc(core as never, () => win as never)
  })
  const mainFrame = { url: 'app://dock-claim/index.html', parent: null }

  it('binds one handler per contract channel', () => {
    expect(h.handlers.has('dock:invoke:session.start')).toBe(true)
    expect([...h.handlers.keys()].every((k) => k.startsWith('dock:invoke:'))).toBe(true)
  })

  it('dispatches only for the main frame of our window', async () => {
    const call = h.handlers.get('dock:invoke:app.info')!
    expect(await call({ sender: h.webContents, senderFrame: mainFrame }, {})).toEqual({ ok: true, value: 'dispatched' })
    const subFrame = await call({ sender: h.webContents, senderFrame: { ...mainFrame, parent: mainFrame } }, {})
    const otherWindow = await call({ sender: {}, senderFrame: mainFrame }, {})
    const navigatedAway = await call({ sender: h.webContents, senderFrame: null }, {})
    const otherOrigin = await call({ sender: h.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, {})
    for (const r of [subFrame, otherWindow, navigatedAway, otherOrigin]) expect(r).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
    expect(calls).toHaveLength(1)
  })

  it('forwards core events to the window under derived names', () => {
    core.events.emit('storage.error', { message: 'disk full' })
    expect(h.webContents.send).toHaveBeenCalledWith('dock:event:storage.error', { message: 'disk full' })
  })
})

describe('main window', () => {
  it('is created sandboxed and denies navigation, popups, webviews and permissions', () => {
    createMainWindow()
    const opts = h.state.lastOptions as { webPreferences: Record<string, unknown> }
    expect(opts.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    const ev = { preventDefault: vi.fn() }
    h.wcHandlers.get('will-navigate')!(ev, 'https://evil.example/')
    h.wcHandlers.get('will-attach-webview')!(ev)
    expect(ev.preventDefault).toHaveBeenCalledTimes(2)
    expect(h.state.openHandler!()).toEqual({ action: 'deny' })
    let granted: boolean | null = null
    ;(h.sessionHandlers.request as (wc: unknown, p: string, cb: (g: boolean) => void) => void)({}, 'hid', (g) => (granted = g))
    expect(granted).toBe(false)
    expect((h.sessionHandlers.check as () => boolean)()).toBe(false)
  })
})

describe('safeStorage secret store', () => {
  const creds = { keyId: 'k1', secret: 'top-secret-value', email: 'sa@x.serviceaccount.d21s.com' }

  it('stores only ciphertext and reads it back', async () => {
    h.state.backend = 'gnome_libsecret'
    const file = join(mkdtempSync(join(tmpdir(), 'dock-secret-')), 'dt-credentials.bin')
    const store = new SafeStorageSecretStore(file)
    await store.save(creds)
    expect(readFileSync(file, 'utf8')).not.toContain('top-secret-value')
    expect(await store.load()).toEqual(creds)
    await store.clear()
    expect(await store.load()).toBeNull()
  })

  it("refuses Linux's basic_text backend with a clear reason", async () => {
    h.state.backend = 'basic_text'
    const store = new SafeStorageSecretStore(join(mkdtempSync(join(tmpdir(), 'dock-secret-')), 'c.bin'))
    const reason = await store.unavailableReason()
    if (process.platform === 'linux') {
      expect(reason).toMatch(/basic_text/)
      await expect(store.save(creds)).rejects.toThrow(/keyring/i)
    } else {
      expect(reason).toBeNull()
    }
  })
})
