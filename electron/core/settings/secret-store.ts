/** DT service-account credentials. The secret lives only in main (or the harness process). */
export interface Credentials {
  keyId: string
  secret: string
  email: string
}

/**
 * Where credentials are kept. In the app: Electron safeStorage (electron/main/safe-storage-secrets.ts),
 * which refuses Linux's basic_text backend. In tests and the browser harness: memory.
 * Kept apart from the operational database: a decryption failure must never block scans or claims.
 */
export interface SecretStore {
  /** Why storing is impossible here (e.g. basic_text backend), or null when it works. */
  unavailableReason(): Promise<string | null>
  load(): Promise<Credentials | null>
  save(credentials: Credentials): Promise<void>
  clear(): Promise<void>
}

export class MemorySecretStore implements SecretStore {
  private value: Credentials | null = null
  async unavailableReason(): Promise<string | null> {
    return null
  }
  async load(): Promise<Credentials | null> {
    return this.value ? { ...this.value } : null
  }
  async save(credentials: Credentials): Promise<void> {
    this.value = { ...credentials }
  }
  async clear(): Promise<void> {
    this.value = null
  }
}
