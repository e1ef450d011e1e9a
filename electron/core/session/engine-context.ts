import { DockError } from '../../../shared/contract'
import type { SessionDeps } from './session-service'
import { SessionModel } from './session-model'

/**
 * What the engine's parts (scan intake, lookups, claim runner, handlers) share: the deps, the
 * loaded session models and the one place that pushes `session.changed`.
 */
export class EngineContext {
  private readonly models = new Map<string, SessionModel>()
  /** The session HID scans go to (the last one started or resumed). */
  activeSessionId: string | null = null

  constructor(readonly deps: SessionDeps) {}

  /** The loaded model of a session; throws DockError 'not_found' for an unknown id. */
  model(sessionId: string): SessionModel {
    let m = this.models.get(sessionId)
    if (!m) {
      const record = this.deps.store.sessions.get(sessionId)
      if (!record) throw new DockError('not_found', `No session ${sessionId.slice(0, 64)}.`)
      m = new SessionModel(this.deps.store, record)
      m.diff() // prime signatures: the first publish sends only what changes from here on
      this.models.set(sessionId, m)
    }
    return m
  }

  loadedModels(): SessionModel[] {
    return [...this.models.values()]
  }

  /** Push the items that changed (and the summary) to the UI. */
  publish(m: SessionModel): void {
    const { upserts, removed } = m.diff()
    this.deps.events.emit('session.changed', { session: m.contractSession(), upserts, removed })
  }

  /** Report a storage failure: nothing was acknowledged; the UI shows a red storage error. */
  storageError(err: unknown): string {
    const message = err instanceof Error ? err.message : String(err)
    this.deps.events.emit('storage.error', { message })
    return message
  }

  now(): string {
    return this.deps.clock().toISOString()
  }
}
