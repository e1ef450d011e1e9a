import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  DockBridge,
  DockErrorShape,
  Envelope,
  ErrorCode,
  EventName,
  EventPayload
} from '../../shared/contract'

/**
 * The only module that touches `window.dock` (the preload bridge in Electron, the harness bridge in
 * the browser). Everything else calls `invoke` / `on` with types derived from the contract, so a
 * channel name or shape that is not in shared/contract does not compile.
 */

declare global {
  interface Window {
    dock?: DockBridge
  }
}

/** An error answer from main, with its stable contract code. */
export class DockClientError extends Error {
  constructor(
    readonly code: ErrorCode | 'bridge_missing' | 'bridge_failed',
    message: string
  ) {
    super(message)
    this.name = 'DockClientError'
  }
}

function bridge(): DockBridge {
  const dock = window.dock
  if (!dock) throw new DockClientError('bridge_missing', 'The app bridge is missing: Dock Claim must run inside its window.')
  return dock
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean'
}

/** Call a contract channel; resolves to its value or throws a {@link DockClientError}. */
export async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  let answer: unknown
  try {
    answer = await bridge().invoke(channel, input)
  } catch (err) {
    if (err instanceof DockClientError) throw err
    throw new DockClientError('bridge_failed', `${channel}: ${err instanceof Error ? err.message : String(err)}`)
  }
  if (!isEnvelope(answer)) throw new DockClientError('bridge_failed', `${channel}: malformed answer from the app`)
  if (answer.ok) return answer.value as ChannelOutput<C>
  const error: DockErrorShape = answer.error
  throw new DockClientError(error.code, error.message)
}

/** Subscribe to a main→renderer event; returns the unsubscribe function (a no-op without a bridge). */
export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const dock = window.dock
  if (!dock) return () => {}
  return dock.on(event, (payload) => listener(payload as EventPayload<E>))
}

/** True when the page runs with a bridge (false only when opened outside the app or harness). */
export const hasBridge = (): boolean => window.dock !== undefined

/** Operator-facing text for any thrown value. */
export function errorText(err: unknown): string {
  if (err instanceof DockClientError) return `${err.message} (${err.code})`
  if (err instanceof Error) return err.message
  return String(err)
}
