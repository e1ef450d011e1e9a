import { events, type EventName, type EventPayload } from '../../shared/contract'

export type AnyEventListener = (name: EventName, payload: unknown) => void

/**
 * Main→renderer events. Every payload is parsed against the contract before it is delivered, so
 * the Electron binding and the harness forward only contract-shaped data.
 */
export class EventBus {
  private readonly listeners = new Set<AnyEventListener>()

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const parsed = events[name].payload.parse(payload)
    for (const l of this.listeners) {
      try {
        l(name, parsed)
      } catch {
        // A broken listener (e.g. a destroyed window) must not stop delivery to the others.
      }
    }
  }

  /** Subscribe to every event; returns the unsubscribe function. */
  onAny(listener: AnyEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Subscribe to one event (tests, CLI). */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.onAny((n, p) => {
      if (n === name) listener(p as EventPayload<E>)
    })
  }
}
