import type { Seed } from './seed'

/** One applied (non-dry-run) claim of one device: the ground truth tests check I4/I5 against. */
export interface LedgerEntry {
  seq: number
  deviceId: string
  projectId: string
  /** Set when the device was claimed through its kit ID. */
  kitId: string | null
  at: string
  requestId: string
  keyId: string
}

type SeedDevice = Seed['devices'][number]
interface DeviceState extends SeedDevice {
  kitId: string | null
}

/** The wire shape of a device in claimInfo / devices:claim. */
export interface WireClaimDevice {
  deviceId: string
  deviceType: string
  productNumber: string
  isClaimed: boolean
}

export interface WireClaimResponse {
  claimedDevices: WireClaimDevice[]
  claimErrors: {
    devices: { deviceId: string; code: string; message: string }[]
    kits: { kitId: string; code: string; message: string }[]
  }
}

const MSG = {
  deviceClaimed: 'The device was previously claimed',
  deviceNotFound: 'The device was not found',
  kitNotFound: 'The kit was not found'
}

/**
 * The simulator's mutable DT state: organizations, projects, devices, kits, and the claim
 * ledger. Pure logic, no HTTP. Semantics marked ⚠ in dt-api.md are decided here:
 * a kit claim claims its Cloud Connectors too; a partially claimed kit claims the rest and
 * reports the others ALREADY_CLAIMED; a re-claim into the same project is ALREADY_CLAIMED;
 * a dry run changes nothing and lists what would be claimed with `isClaimed: false`.
 */
export class World {
  readonly organizations: Map<string, Seed['organizations'][number]>
  readonly projects: Map<string, Seed['projects'][number]>
  readonly accounts: Map<string, Seed['serviceAccounts'][number]>
  readonly kits: Map<string, Seed['kits'][number]>
  readonly devices: Map<string, DeviceState>
  readonly ledger: LedgerEntry[] = []

  constructor(seed: Seed) {
    this.organizations = new Map(seed.organizations.map((o) => [o.id, { ...o }]))
    this.projects = new Map(seed.projects.map((p) => [p.id, { ...p }]))
    this.accounts = new Map(seed.serviceAccounts.map((a) => [a.keyId, { ...a, organizations: [...a.organizations] }]))
    this.kits = new Map(seed.kits.map((k) => [k.kitId, { ...k, deviceIds: [...k.deviceIds] }]))
    const kitOf = new Map<string, string>()
    for (const k of seed.kits) for (const d of k.deviceIds) kitOf.set(d, k.kitId)
    this.devices = new Map(seed.devices.map((d) => [d.deviceId, { ...d, kitId: kitOf.get(d.deviceId) ?? null }]))
  }

  /** True when the account belongs to the project's organization. */
  canAccessProject(keyId: string, projectId: string): boolean {
    const project = this.projects.get(projectId)
    const account = this.accounts.get(keyId)
    return !!project && !!account && account.organizations.includes(project.organization)
  }

  claimDevice(d: DeviceState): WireClaimDevice {
    return { deviceId: d.deviceId, deviceType: d.deviceType, productNumber: d.productNumber, isClaimed: d.claimedInto !== null }
  }

  /** claimInfo for a kit or device ID, or null when DT would not know it. */
  claimInfo(identifier: string): object | null {
    const kit = this.kits.get(identifier)
    if (kit) {
      const members = kit.deviceIds.map((id) => this.devices.get(id)).filter((d): d is DeviceState => !!d)
      const count = (pred: (d: DeviceState) => boolean): { totalCount: number; claimedCount: number } => {
        const set = members.filter(pred)
        return { totalCount: set.length, claimedCount: set.filter((d) => d.claimedInto !== null).length }
      }
      return {
        type: 'KIT',
        kit: {
          kitId: kit.kitId,
          displayName: kit.displayName,
          sensors: count((d) => d.deviceType !== 'ccon'),
          cloudConnectors: count((d) => d.deviceType === 'ccon'),
          devices: members.map((d) => this.claimDevice(d))
        }
      }
    }
    const device = this.devices.get(identifier)
    return device ? { type: 'DEVICE', device: this.claimDevice(device) } : null
  }

  /** Count the items of a claim body the way the max-batch fault does: kit IDs + device IDs. */
  static batchSize(kitIds: readonly string[], deviceIds: readonly string[]): number {
    return kitIds.length + deviceIds.length
  }

  /** Apply (or, for a dry run, preview) a claim into an existing, accessible project. */
  claim(
    projectId: string,
    kitIds: readonly string[],
    deviceIds: readonly string[],
    dryRun: boolean,
    meta: { requestId: string; keyId: string; at: string }
  ): WireClaimResponse {
    const res: WireClaimResponse = { claimedDevices: [], claimErrors: { devices: [], kits: [] } }
    const seen = new Set<string>()
    const take = (d: DeviceState, kitId: string | null): void => {
      // A device named twice (loose and via its kit, or repeated) is handled once.
      if (seen.has(d.deviceId)) return
      seen.add(d.deviceId)
      if (d.claimedInto !== null) {
        res.claimErrors.devices.push({ deviceId: d.deviceId, code: 'ALREADY_CLAIMED', message: MSG.deviceClaimed })
        return
      }
      if (!dryRun) {
        d.claimedInto = projectId
        this.ledger.push({ seq: this.ledger.length + 1, deviceId: d.deviceId, projectId, kitId, ...meta })
      }
      res.claimedDevices.push({ ...this.claimDevice(d), isClaimed: !dryRun })
    }
    for (const kitId of kitIds) {
      const kit = this.kits.get(kitId)
      if (!kit) {
        res.claimErrors.kits.push({ kitId, code: 'NOT_FOUND', message: MSG.kitNotFound })
        continue
      }
      for (const id of kit.deviceIds) {
        const d = this.devices.get(id)
        if (d) take(d, kitId)
      }
    }
    for (const id of deviceIds) {
      const d = this.devices.get(id)
      if (d) take(d, null)
      else if (!seen.has(id)) {
        seen.add(id)
        res.claimErrors.devices.push({ deviceId: id, code: 'NOT_FOUND', message: MSG.deviceNotFound })
      }
    }
    return res
  }

  organizationJson(id: string): object {
    const o = this.organizations.get(id)
    return { name: `organizations/${id}`, displayName: o?.displayName ?? '' }
  }

  projectJson(id: string): object {
    const p = this.projects.get(id)
    if (!p) throw new Error(`no project ${id}`)
    let sensorCount = 0
    let cloudConnectorCount = 0
    for (const d of this.devices.values()) {
      if (d.claimedInto !== id) continue
      if (d.deviceType === 'ccon') cloudConnectorCount++
      else sensorCount++
    }
    return {
      name: `projects/${id}`,
      displayName: p.displayName,
      organization: `organizations/${p.organization}`,
      organizationDisplayName: this.organizations.get(p.organization)?.displayName ?? '',
      sensorCount,
      cloudConnectorCount,
      inventory: p.inventory,
      labels: {}
    }
  }

  deviceJson(d: DeviceState): object {
    return {
      name: `projects/${d.claimedInto ?? '-'}/devices/${d.deviceId}`,
      type: d.deviceType,
      productNumber: d.productNumber,
      labels: {},
      reported: {}
    }
  }
}
