/**
 * The DT client surface the rest of the core depends on. The implementation (HTTP, auth, rate
 * limiting, retries) lives beside this file; the session engine and tests depend only on this.
 * All IDs are bare (no `projects/` prefix).
 *
 * Beside it: client.ts (createDtClient), errors.ts (DtApiError, DtAmbiguousError, guidance),
 * claim-batch.ts (the persisted claim state machine), reconcile.ts (where devices ended up),
 * chunking.ts (claimInChunks), credentials.ts (credentialsFromEnv), simulator/ (training mode).
 * See docs/dt-client-and-simulator.md.
 */

/** A device as claimInfo / devices:claim describe it. deviceType is open-ended (new types appear). */
export interface ClaimDevice {
  deviceId: string
  deviceType: string
  productNumber: string
  isClaimed: boolean
}

export type ClaimInfo =
  | {
      type: 'KIT'
      kit: {
        kitId: string
        displayName: string
        sensors: { totalCount: number; claimedCount: number } | null
        cloudConnectors: { totalCount: number; claimedCount: number } | null
        devices: ClaimDevice[]
      }
    }
  | { type: 'DEVICE'; device: ClaimDevice }

/** One per-item error inside a 200 claim response. `code` is open-ended (ALREADY_CLAIMED, NOT_FOUND, …). */
export interface ClaimItemError {
  kind: 'device' | 'kit'
  id: string
  code: string
  message: string
}

export interface ClaimResult {
  claimedDevices: ClaimDevice[]
  errors: ClaimItemError[]
}

/** A device as the project device listing / get device return it (reconciliation). */
export interface ProjectDevice {
  deviceId: string
  projectId: string
  deviceType: string
  productNumber: string
}

export interface DtOrganization {
  id: string
  displayName: string
}

export interface DtProject {
  id: string
  displayName: string
  organizationId: string
  inventory: boolean
}

export interface DtClient {
  listOrganizations(): Promise<DtOrganization[]>
  listProjects(organizationId?: string): Promise<DtProject[]>
  /** Throws DtApiError with kind 'not_found' for an unknown identifier. */
  claimInfo(identifier: string, organizationId?: string): Promise<ClaimInfo>
  /**
   * dryRun is always sent explicitly. For dryRun=false an ambiguous failure (timeout after send,
   * reset, 5xx) throws DtAmbiguousError and is NEVER retried by the client: the caller reconciles.
   */
  claim(projectId: string, body: { kitIds?: string[]; deviceIds?: string[] }, opts: { dryRun: boolean }): Promise<ClaimResult>
  /** `projectId` may be '-' (any project the caller can see). Throws DtApiError 'not_found'. */
  getDevice(projectId: string, deviceId: string): Promise<ProjectDevice>
  /** Devices of one project filtered by device_ids (paginated internally). */
  listProjectDevices(projectId: string, deviceIds: string[]): Promise<ProjectDevice[]>
}
