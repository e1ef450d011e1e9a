import { ipcMain, type BrowserWindow } from 'electron'
import { channels, ipcEventName, ipcInvokeName, type Channel, type Envelope } from '../../shared/contract'
import type { Core } from '../core/create-core'
import { isTrustedSender } from './security'

/**
 * Bind every contract channel to the core's dispatcher. The sender frame is checked before
 * anything is parsed: only the main frame of our own app:// page of our own window may call.
 * Events from the core are forwarded to that window only.
 */
export function bindIpc(core: Core, getWindow: () => BrowserWindow | null): () => void {
  const names = Object.keys(channels) as Channel[]
  for (const channel of names) {
    ipcMain.handle(ipcInvokeName(channel), async (event, input: unknown): Promise<Envelope<unknown>> => {
      const win = getWindow()
      const ours = win !== null && !win.isDestroyed() && event.sender === win.webContents
      if (!isTrustedSender(event.senderFrame, ours)) {
        return { ok: false, error: { code: 'forbidden_sender', message: 'IPC from an unexpected frame was refused.' } }
      }
      return core.dispatch(channel, input, { origin: 'ipc' })
    })
  }
  const off = core.events.onAny((name, payload) => {
    const win = getWindow()
    if (win && !win.isDestroyed()) win.webContents.send(ipcEventName(name), payload)
  })
  return () => {
    off()
    for (const channel of names) ipcMain.removeHandler(ipcInvokeName(channel))
  }
}
