import { join } from 'node:path'
import { createDtClient, type DtClientOptions } from '../../../electron/core/claiming/client'
import { loadSeedFile, type Seed } from '../../../electron/core/claiming/simulator/seed'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../electron/core/claiming/simulator/server'

export const trainingSeed: Seed = loadSeedFile(join(__dirname, '../../../resources/training-seed.json'))

const sa = trainingSeed.serviceAccounts[0]!
const project = (name: string): string => trainingSeed.projects.find((p) => p.displayName.includes(name))!.id

/** Named places in the training seed, looked up by display name so the tests read clearly. */
export const T = {
  credentials: { keyId: sa.keyId, secret: sa.secret, email: sa.email },
  organizationId: sa.organizations[0]!,
  otherOrganizationId: trainingSeed.organizations.find((o) => !sa.organizations.includes(o.id))!.id,
  receiving: project('Receiving'),
  coldStore: project('Cold Store'),
  otherOrgProject: project('HQ'),
  kit25: 'nl-25-temp-0001',
  kit100: 'nl-100-temp-0004',
  partialKit: 'nl-25-hum-0006',
  otherOrgKit: 'fj-25-desk-0007',
  kitMembers: (kitId: string): string[] => trainingSeed.kits.find((k) => k.kitId === kitId)!.deviceIds,
  looseUnclaimed: (): string[] => {
    const inKit = new Set(trainingSeed.kits.flatMap((k) => k.deviceIds))
    return trainingSeed.devices.filter((d) => !inKit.has(d.deviceId) && d.claimedInto === null).map((d) => d.deviceId)
  },
  looseClaimedInOtherOrg: (): string[] => {
    const inKit = new Set(trainingSeed.kits.flatMap((k) => k.deviceIds))
    const other = new Set(trainingSeed.projects.filter((p) => !sa.organizations.includes(p.organization)).map((p) => p.id))
    return trainingSeed.devices.filter((d) => !inKit.has(d.deviceId) && d.claimedInto !== null && other.has(d.claimedInto)).map((d) => d.deviceId)
  }
}

/** A simulator on 127.0.0.1:0 with the training seed; no rate limit unless asked. */
export function startTrainingSim(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return startSimulator({ seed: trainingSeed, rateLimit: false, ...options })
}

/** A client with test-sized backoff, limiter and deadlines. */
export function fastClient(sim: Simulator, overrides: Partial<DtClientOptions> = {}) {
  return createDtClient({
    apiUrl: sim.url,
    tokenUrl: sim.tokenUrl,
    credentials: T.credentials,
    rateLimit: { max: 10_000, windowMs: 1000, marginMs: 0 },
    backoff: { baseMs: 5, capMs: 40, minServerErrorMs: 5, minGatewayTimeoutMs: 10, maxRetryAfterMs: 5000 },
    attemptTimeoutMs: 2000,
    operationBudgetMs: 15_000,
    ...overrides
  })
}

/** Token + JSON helpers for raw HTTP tests of the simulator. */
export async function rawToken(sim: Simulator): Promise<string> {
  const { createAssertion } = await import('../../../electron/core/claiming/jwt')
  const res = await fetch(sim.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ assertion: createAssertion(T.credentials, sim.tokenUrl, Date.now()), grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer' }).toString()
  })
  const json = (await res.json()) as { access_token: string }
  return json.access_token
}
