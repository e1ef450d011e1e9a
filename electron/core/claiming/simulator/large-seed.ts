import { deterministicDtId } from '../ids'
import type { Seed } from './seed'

export interface LargeSeedOptions {
  /** Number of kits (default 40). */
  kits?: number
  /** Sensors per kit (default 100); each kit also gets `cconsPerKit` Cloud Connectors. */
  kitSize?: number
  cconsPerKit?: number
  /** Loose (unkitted, unclaimed) sensors (default 4000). */
  looseDevices?: number
  /** Loose sensors already claimed into the other organization (default 100). */
  claimedElsewhere?: number
}

/** Sensor types with the product numbers seen in DT fixtures ("" where none is known). */
export const SENSOR_TYPES: readonly { deviceType: string; productNumber: string }[] = [
  { deviceType: 'temperature', productNumber: '102067' },
  { deviceType: 'proximity', productNumber: '102064' },
  { deviceType: 'touch', productNumber: '100110' },
  { deviceType: 'humidity', productNumber: '101895' },
  { deviceType: 'waterDetector', productNumber: '101714' },
  { deviceType: 'proximityCounter', productNumber: '101730' },
  { deviceType: 'touchCounter', productNumber: '101675' },
  { deviceType: 'co2', productNumber: '' },
  { deviceType: 'motion', productNumber: '' },
  { deviceType: 'deskOccupancy', productNumber: '' },
  { deviceType: 'contact', productNumber: '' }
]
export const CCON = { deviceType: 'ccon', productNumber: '100011' } as const

/** The fixed accounts and projects of the large seed, for tests and benchmarks. */
export const LARGE_SEED = {
  organizationId: deterministicDtId('large-org', 1),
  otherOrganizationId: deterministicDtId('large-org', 2),
  targetProjectId: deterministicDtId('large-project', 1),
  inventoryProjectId: deterministicDtId('large-project', 2),
  otherProjectId: deterministicDtId('large-project', 3),
  keyId: deterministicDtId('large-key', 1),
  secret: '1a2b3c4d5e6f70819a2b3c4d5e6f7081',
  email: `${deterministicDtId('large-sa', 1)}@${deterministicDtId('large-project', 1)}.serviceaccount.d21s.com`
} as const

/**
 * A large, deterministic world (default 40 kits × 100 sensors + 4,000 loose sensors) for
 * benchmarks and load tests. Same options → byte-identical seed. Kit IDs: `bench-<kit>`.
 */
export function buildLargeSeed(options: LargeSeedOptions = {}): Seed {
  const kits = options.kits ?? 40
  const kitSize = options.kitSize ?? 100
  const ccons = options.cconsPerKit ?? 1
  const loose = options.looseDevices ?? 4000
  const elsewhere = options.claimedElsewhere ?? 100
  const L = LARGE_SEED
  const seed: Seed = {
    organizations: [
      { id: L.organizationId, displayName: 'Benchmark Warehouse AS' },
      { id: L.otherOrganizationId, displayName: 'Someone Else Ltd' }
    ],
    projects: [
      { id: L.targetProjectId, organization: L.organizationId, displayName: 'Receiving', inventory: false },
      { id: L.inventoryProjectId, organization: L.organizationId, displayName: 'Inventory', inventory: true },
      { id: L.otherProjectId, organization: L.otherOrganizationId, displayName: 'Elsewhere', inventory: false }
    ],
    serviceAccounts: [{ keyId: L.keyId, secret: L.secret, email: L.email, basicAuth: true, organizations: [L.organizationId] }],
    kits: [],
    devices: []
  }
  let n = 0
  const device = (type: { deviceType: string; productNumber: string }, claimedInto: string | null): string => {
    const deviceId = deterministicDtId('large-device', n++)
    seed.devices.push({ deviceId, ...type, claimedInto })
    return deviceId
  }
  for (let k = 0; k < kits; k++) {
    const type = SENSOR_TYPES[k % SENSOR_TYPES.length] ?? SENSOR_TYPES[0]!
    const deviceIds: string[] = []
    for (let i = 0; i < kitSize; i++) deviceIds.push(device(type, null))
    for (let i = 0; i < ccons; i++) deviceIds.push(device(CCON, null))
    seed.kits.push({ kitId: `bench-${String(k + 1).padStart(4, '0')}`, displayName: `${type.deviceType} kit, ${kitSize} sensors`, deviceIds })
  }
  for (let i = 0; i < loose; i++) device(SENSOR_TYPES[i % SENSOR_TYPES.length] ?? SENSOR_TYPES[0]!, null)
  for (let i = 0; i < elsewhere; i++) device(SENSOR_TYPES[i % SENSOR_TYPES.length] ?? SENSOR_TYPES[0]!, L.otherProjectId)
  return seed
}
