import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { credentialsFromEnv } from '../../../electron/core/claiming/credentials'

const dir = mkdtempSync(join(tmpdir(), 'dt-creds-'))
const file = (name: string, content: unknown): string => {
  const p = join(dir, name)
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content))
  return p
}

describe('credentialsFromEnv', () => {
  it('reads DT_SERVICE_ACCOUNT_KEY_ID/SECRET/EMAIL', () => {
    const r = credentialsFromEnv({ DT_SERVICE_ACCOUNT_KEY_ID: 'k', DT_SERVICE_ACCOUNT_SECRET: 's', DT_SERVICE_ACCOUNT_EMAIL: 'e@x' })
    expect(r).toEqual({ credentials: { keyId: 'k', secret: 's', email: 'e@x' }, tokenUrl: null, source: 'env' })
  })

  it('names the missing variables when only some are set', () => {
    expect(() => credentialsFromEnv({ DT_SERVICE_ACCOUNT_KEY_ID: 'k' })).toThrow(/DT_SERVICE_ACCOUNT_SECRET, DT_SERVICE_ACCOUNT_EMAIL/)
  })

  it('returns null when nothing is configured', () => {
    expect(credentialsFromEnv({})).toBeNull()
  })

  it('reads a DT credentials file with its token endpoint', () => {
    const p = file('ok.json', {
      serviceAccount: { keyId: 'k', secret: 's', email: 'e@x', algorithm: 'HS256', tokenEndpoint: 'https://identity.disruptive-technologies.com/oauth2/token' }
    })
    expect(credentialsFromEnv({ DT_CREDENTIALS_FILE: p })).toEqual({
      credentials: { keyId: 'k', secret: 's', email: 'e@x' },
      tokenUrl: 'https://identity.disruptive-technologies.com/oauth2/token',
      source: 'file'
    })
  })

  it('explains a broken or incomplete credentials file', () => {
    expect(() => credentialsFromEnv({ DT_CREDENTIALS_FILE: file('bad.json', '{nope') })).toThrow(/cannot read DT_CREDENTIALS_FILE/)
    expect(() => credentialsFromEnv({ DT_CREDENTIALS_FILE: file('partial.json', { serviceAccount: { keyId: 'k', secret: 's' } }) })).toThrow(
      /serviceAccount.email/
    )
    expect(() => credentialsFromEnv({ DT_CREDENTIALS_FILE: join(dir, 'missing.json') })).toThrow(/cannot read/)
  })
})
