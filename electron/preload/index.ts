import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { ipcEventName, ipcInvokeName, isChannel, isEventName, type DockBridge } from '../../shared/contract'

// The whole preload: window.dock = { invoke, on } for the channels and events in the contract.
// No generic send(): unknown names are refused here and again in main. The IpcRendererEvent is
// never handed to page code (it leads back to ipcRenderer).
const bridge: DockBridge = {
  invoke(channel, input) {
    if (!isChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `Unknown channel: ${String(channel)}` } })
    }
    return ipcRenderer.invoke(ipcInvokeName(channel), input)
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event: ${String(event)}`)
    const name = ipcEventName(event)
    const handler = (_e: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(name, handler)
    return () => {
      ipcRenderer.removeListener(name, handler)
    }
  }
}

contextBridge.exposeInMainWorld('dock', bridge)
