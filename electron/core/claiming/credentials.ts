import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { DtCredentials } from './jwt'

/** DT's credentials file (the Python client's format): all five keys are required. */
const credentialsFileSchema = z.object({
  serviceAccount: z.object({
    keyId: z.string().min(1),
    secret: z.string().min(1),
    email: z.string().min(1),
    algorithm: z.literal('HS256'),
    tokenEndpoint: z.string().url()
  })
})

export interface EnvCredentials {
  credentials: DtCredentials
  /** From a credentials file's tokenEndpoint; null when the env variables were used. */
  tokenUrl: string | null
  source: 'env' | 'file'
}

/**
 * Credentials from DT's environment variables (`DT_SERVICE_ACCOUNT_KEY_ID/SECRET/EMAIL`), else
 * from the JSON file `DT_CREDENTIALS_FILE` names. Null when neither is set; throws a clear
 * error when they are set but incomplete or unreadable (never silently half-configured).
 */
export function credentialsFromEnv(env: Record<string, string | undefined>): EnvCredentials | null {
  const names = ['DT_SERVICE_ACCOUNT_KEY_ID', 'DT_SERVICE_ACCOUNT_SECRET', 'DT_SERVICE_ACCOUNT_EMAIL'] as const
  const values = names.map((n) => env[n]?.trim() ?? '')
  const given = values.filter((v) => v !== '').length
  if (given === 3) {
    const [keyId = '', secret = '', email = ''] = values
    return { credentials: { keyId, secret, email }, tokenUrl: null, source: 'env' }
  }
  if (given > 0) {
    const missing = names.filter((_, i) => values[i] === '')
    throw new Error(`incomplete DT credentials in the environment: ${missing.join(', ')} not set`)
  }
  const file = env.DT_CREDENTIALS_FILE?.trim()
  if (!file) return null
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`cannot read DT_CREDENTIALS_FILE ${file}: ${(err as Error).message}`)
  }
  const parsed = credentialsFileSchema.safeParse(raw)
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`DT_CREDENTIALS_FILE ${file} is not a DT credentials file (${detail})`)
  }
  const sa = parsed.data.serviceAccount
  return { credentials: { keyId: sa.keyId, secret: sa.secret, email: sa.email }, tokenUrl: sa.tokenEndpoint, source: 'file' }
}
