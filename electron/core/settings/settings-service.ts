import { DockError, settingsSchema, type Settings } from '../../../shared/contract'
import type { z } from 'zod'
import type { settingsUpdateSchema } from '../../../shared/contract'
import type { Credentials, SecretStore } from './secret-store'

/** A tiny persistence port; the SQLite store implements it with a `settings` table. */
export interface KeyValueStore {
  getJson(key: string): unknown
  setJson(key: string, value: unknown): void
}

export class MemoryKeyValueStore implements KeyValueStore {
  private readonly map = new Map<string, string>()
  getJson(key: string): unknown {
    const v = this.map.get(key)
    return v === undefined ? undefined : (JSON.parse(v) as unknown)
  }
  setJson(key: string, value: unknown): void {
    this.map.set(key, JSON.stringify(value))
  }
}

export const DT_API_URL = 'https://api.disruptive-technologies.com/v2'
export const DT_TOKEN_URL = 'https://identity.disruptive-technologies.com/oauth2/token'

type StoredSettings = Omit<Settings, 'hasCredentials' | 'credentialsEmail'>

export function defaultSettings(station: string, trainingMode: boolean): StoredSettings {
  return {
    station,
    trainingMode,
    apiUrl: DT_API_URL,
    tokenUrl: DT_TOKEN_URL,
    feedback: { soundEnabled: true, volume: 0.8, flash: true, errorHold: false },
    wedge: { enabled: true, maxGapMs: 40, minLength: 6 },
    duplicatePolicy: 'session',
    chunkSize: 100,
    lastProject: {}
  }
}

const KEY = 'settings.v1'

export interface SettingsService {
  get(): Promise<Settings>
  /** Settings without the credential facts (sync; for the engine's hot path). */
  current(): StoredSettings
  update(patch: z.output<typeof settingsUpdateSchema>): Promise<Settings>
  setCredentials(c: Credentials): Promise<Settings>
  clearCredentials(): Promise<Settings>
  credentials(): Promise<Credentials | null>
  onChange(listener: (s: Settings) => void): () => void
}

/**
 * Where the DT client may send the bearer token. A compromised renderer must not be able to point
 * the live client at its own server (the token is valid at DT for an hour): https to DT's hosts,
 * or plain http only to this machine (the simulator). Other hosts need an explicit opt-out.
 */
export function checkDtUrl(raw: string, allowCustomHosts: boolean): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return `${raw.slice(0, 80)} is not a URL`
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return `${url.origin}: DT must be reached over https`
  if (url.username || url.password) return 'DT URLs must not carry credentials'
  const dtHost = /(^|\.)(disruptive-technologies\.com|d21s\.com)$/.test(url.hostname)
  if (!dtHost && !loopback && !allowCustomHosts) {
    return `${url.hostname} is not a DT host (set DOCK_CLAIM_ALLOW_CUSTOM_DT_HOSTS=1 to allow it)`
  }
  return null
}

export function createSettingsService(
  kv: KeyValueStore,
  secrets: SecretStore,
  defaults: StoredSettings,
  opts: { allowCustomDtHosts?: boolean } = {}
): SettingsService {
  const listeners = new Set<(s: Settings) => void>()
  const stored = kv.getJson(KEY)
  // Unknown or outdated stored settings fall back field by field to the defaults.
  let state: StoredSettings = { ...defaults, ...(typeof stored === 'object' && stored ? (stored as Partial<StoredSettings>) : {}) }
  state = settingsSchema.omit({ hasCredentials: true, credentialsEmail: true }).safeParse(state).success ? state : defaults

  async function full(): Promise<Settings> {
    const c = await secrets.load().catch(() => null)
    return { ...state, hasCredentials: c !== null, credentialsEmail: c?.email ?? null }
  }
  async function changed(): Promise<Settings> {
    const s = await full()
    for (const l of listeners) l(s)
    return s
  }

  return {
    get: full,
    current: () => state,
    async update(patch) {
      for (const url of [patch.apiUrl, patch.tokenUrl]) {
        const problem = url === undefined ? null : checkDtUrl(url, opts.allowCustomDtHosts ?? false)
        if (problem) throw new DockError('invalid_input', problem)
      }
      const next: StoredSettings = {
        ...state,
        ...patch,
        feedback: { ...state.feedback, ...(patch.feedback ?? {}) },
        wedge: { ...state.wedge, ...(patch.wedge ?? {}) },
        lastProject: patch.lastProject ?? state.lastProject
      }
      kv.setJson(KEY, next)
      state = next
      return changed()
    },
    async setCredentials(c) {
      const reason = await secrets.unavailableReason()
      if (reason) throw new DockError('secret_storage_unavailable', reason)
      await secrets.save(c)
      return changed()
    },
    async clearCredentials() {
      await secrets.clear()
      return changed()
    },
    credentials: () => secrets.load(),
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}
