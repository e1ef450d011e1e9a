import { safeStorage } from 'electron'
import { existsSync } from 'node:fs'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import type { Credentials, SecretStore } from '../core/settings/secret-store'

/**
 * Service-account credentials encrypted with Electron safeStorage (Keychain / DPAPI /
 * libsecret-kwallet) in their own file, apart from the operational database: if decryption ever
 * fails (profile copied, Linux backend changed) the supervisor re-enters them, and no scan or
 * claim is blocked. Linux's `basic_text` backend is a hard-coded key: refused.
 */
export class SafeStorageSecretStore implements SecretStore {
  constructor(private readonly file: string) {}

  async unavailableReason(): Promise<string | null> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      return 'This computer offers no secure credential storage (safeStorage unavailable).'
    }
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return 'No system keyring found (Linux basic_text backend): install/unlock GNOME Keyring or KWallet, then enter the credentials again.'
    }
    return null
  }

  async load(): Promise<Credentials | null> {
    if (!existsSync(this.file)) return null
    try {
      const { result } = await safeStorage.decryptStringAsync(await readFile(this.file))
      const parsed = JSON.parse(result) as Partial<Credentials>
      if (typeof parsed.keyId === 'string' && typeof parsed.secret === 'string' && typeof parsed.email === 'string') {
        return { keyId: parsed.keyId, secret: parsed.secret, email: parsed.email }
      }
      return null
    } catch {
      // Undecryptable: behave as "no credentials" so a supervisor can enter them again.
      return null
    }
  }

  async save(credentials: Credentials): Promise<void> {
    const reason = await this.unavailableReason()
    if (reason) throw new Error(reason)
    const blob = await safeStorage.encryptStringAsync(JSON.stringify(credentials))
    const tmp = `${this.file}.tmp`
    await writeFile(tmp, blob, { mode: 0o600 })
    await rename(tmp, this.file)
  }

  async clear(): Promise<void> {
    await rm(this.file, { force: true })
  }
}
