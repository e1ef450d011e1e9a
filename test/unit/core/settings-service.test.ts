import { describe, expect, it } from 'vitest'
import { DockError, settingsSchema } from '../../../shared/contract'
import { MemorySecretStore, type SecretStore } from '../../../electron/core/settings/secret-store'
import { checkDtUrl, createSettingsService, defaultSettings, MemoryKeyValueStore } from '../../../electron/core/settings/settings-service'

const creds = { keyId: 'bf7b1ut7rihlrv30lf3g', secret: 'do-not-leak-3c1f', email: 'sa@proj.serviceaccount.d21s.com' }

describe('settings service', () => {
  it('persists changes and merges nested groups', async () => {
    const kv = new MemoryKeyValueStore()
    const s = createSettingsService(kv, new MemorySecretStore(), defaultSettings('desk-1', true))
    await s.update({ chunkSize: 50, feedback: { volume: 0.3 } })
    const again = createSettingsService(kv, new MemorySecretStore(), defaultSettings('desk-1', true))
    const got = await again.get()
    expect(got.chunkSize).toBe(50)
    expect(got.feedback).toEqual({ ...defaultSettings('desk-1', true).feedback, volume: 0.3 })
    expect(settingsSchema.safeParse(got).success).toBe(true)
  })

  it('never returns or persists the secret; reports only that credentials exist', async () => {
    const kv = new MemoryKeyValueStore()
    const s = createSettingsService(kv, new MemorySecretStore(), defaultSettings('desk-1', false))
    const after = await s.setCredentials(creds)
    expect(after).toMatchObject({ hasCredentials: true, credentialsEmail: creds.email })
    expect(JSON.stringify(after)).not.toContain(creds.secret)
    expect(JSON.stringify(kv.getJson('settings.v1') ?? null)).not.toContain(creds.secret)
    expect(await s.credentials()).toEqual(creds)
    expect((await s.clearCredentials()).hasCredentials).toBe(false)
  })

  it('refuses to store credentials where secure storage is unavailable', async () => {
    const refusing: SecretStore = { ...new MemorySecretStore(), unavailableReason: async () => 'Linux basic_text backend', load: async () => null, save: async () => { throw new Error('must not be called') }, clear: async () => {} }
    const s = createSettingsService(new MemoryKeyValueStore(), refusing, defaultSettings('desk-1', false))
    await expect(s.setCredentials(creds)).rejects.toSatisfy((e: unknown) => e instanceof DockError && e.code === 'secret_storage_unavailable')
  })

  it('falls back to defaults when the stored settings are corrupt', async () => {
    const kv = new MemoryKeyValueStore()
    kv.setJson('settings.v1', { chunkSize: 'lots', station: '' })
    const s = createSettingsService(kv, new MemorySecretStore(), defaultSettings('desk-2', true))
    expect((await s.get()).chunkSize).toBe(100)
    expect((await s.get()).station).toBe('desk-2')
  })
})

describe('DT URL guard (the bearer token only goes to DT or this machine)', () => {
  it('accepts DT hosts over https and loopback over http', () => {
    for (const u of ['https://api.disruptive-technologies.com/v2', 'https://identity.disruptive-technologies.com/oauth2/token', 'https://api.d21s.com/v2', 'http://127.0.0.1:8089/v2', 'http://localhost:1/v2']) {
      expect(checkDtUrl(u, false), u).toBeNull()
    }
  })
  it('refuses other hosts, plain http off-machine, look-alike hosts and embedded credentials', () => {
    for (const u of ['https://attacker.example/v2', 'http://api.disruptive-technologies.com/v2', 'https://api.disruptive-technologies.com.evil.io/v2', 'https://evildisruptive-technologies.com/v2', 'https://u:p@api.d21s.com/v2', 'not a url']) {
      expect(checkDtUrl(u, false), u).not.toBeNull()
    }
    expect(checkDtUrl('https://staging.example/v2', true)).toBeNull()
  })
  it('settings.update refuses a foreign API host and keeps the old one', async () => {
    const s = createSettingsService(new MemoryKeyValueStore(), new MemorySecretStore(), defaultSettings('desk-1', false))
    await expect(s.update({ trainingMode: false, apiUrl: 'https://attacker.example/v2' })).rejects.toSatisfy((e: unknown) => e instanceof DockError && e.code === 'invalid_input')
    expect((await s.get()).apiUrl).toBe('https://api.disruptive-technologies.com/v2')
  })
})
