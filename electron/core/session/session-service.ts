// PLACEHOLDER written by the lead so create-core compiles; the session-engine helper replaces
// this file (same exported names).
import { DockError } from '../../../shared/contract'
import type { Handlers } from '../dispatcher'
import type { EventBus } from '../event-bus'
import type { DtClient } from '../claiming/types'
import type { SettingsService } from '../settings/settings-service'
import type { Store } from '../store/open-store'

export type SessionChannel = Exclude<
  keyof Handlers,
  `app.${string}` | `settings.${string}` | `dt.${string}` | `scanners.${string}`
>

/** A decoded HID scan as the scanner service delivers it. */
export interface HidScan {
  scannerId: string
  text: string
  aim: string | null
  at: Date
}

export interface SessionDeps {
  store: Store
  /** Resolves the DT client (throws DockError 'no_credentials' when none is configured). */
  dt: () => Promise<DtClient>
  events: EventBus
  settings: SettingsService
  station: string
  exportDir: string
  clock: () => Date
  /** Ask a scanner to sound its error beep (rejected scan), where supported. */
  beepError: (scannerId: string) => void
}

export interface SessionService {
  handlers: Pick<Handlers, SessionChannel>
  handleHidScan(scan: HidScan): Promise<void>
  /** Recovery: reconcile unfinished batches, restart background lookups. */
  start(): Promise<void>
  stop(): Promise<void>
}

export function createSessionService(_deps: SessionDeps): SessionService {
  const notYet = () => {
    throw new DockError('internal_error', 'session engine not built yet')
  }
  const handlers = new Proxy({}, { get: () => notYet }) as Pick<Handlers, SessionChannel>
  return { handlers, handleHidScan: async () => {}, start: async () => {}, stop: async () => {} }
}
