import type { z } from 'zod'
import { appChannels, appEvents } from './app'
import { auditChannels } from './audit'
import { scannerChannels, scannerEvents } from './scanners'
import { sessionChannels, sessionEvents } from './session'
import type { EventSpec, InvokeSpec } from './define'

/**
 * The one IPC contract. Every invoke channel and every main→renderer event is declared once,
 * here; the preload, the main binding, the renderer client, the browser harness and the
 * dispatcher all derive their names and types from these two objects.
 */
export const channels = {
  ...appChannels,
  ...sessionChannels,
  ...auditChannels,
  ...scannerChannels
} as const satisfies Record<string, InvokeSpec>

export const events = {
  ...appEvents,
  ...sessionEvents,
  ...scannerEvents
} as const satisfies Record<string, EventSpec>

export type Channel = keyof typeof channels
export type EventName = keyof typeof events
/** What the renderer passes (before defaults are applied). */
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>
/** What the handler receives (after parsing and defaults). */
export type ChannelParsedInput<C extends Channel> = z.output<(typeof channels)[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<(typeof channels)[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>

/** Electron IPC names are derived, never typed by hand: one prefix marks our channels. */
export const IPC_PREFIX = 'dock:'
export const ipcInvokeName = (c: Channel): string => `${IPC_PREFIX}invoke:${c}`
export const ipcEventName = (e: EventName): string => `${IPC_PREFIX}event:${e}`

export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name)
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name)

/**
 * What the preload exposes as `window.dock`, and what the browser harness bridge mimics.
 * `on` returns an unsubscribe function; the IpcRendererEvent is never passed through.
 */
export interface DockBridge {
  invoke(channel: string, input: unknown): Promise<unknown>
  on(event: string, listener: (payload: unknown) => void): () => void
}

export * from './envelope'
export * from './app'
export * from './session'
export * from './audit'
export * from './scanners'
