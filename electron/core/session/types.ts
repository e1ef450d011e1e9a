/**
 * The session engine's own records: what the preview is computed from. They mirror database
 * rows one to one, so the preview is a pure function of what is durable.
 */

/** One durable scan that makes (or duplicates) a preview item. Control scans are audit-only. */
export interface ScanRecord {
  id: string
  sessionId: string
  /** Monotonic order within the session. */
  seq: number
  /** Local classification from parsePayload; DT's lookup decides kit vs device. */
  kind: 'device' | 'kit' | 'invalid'
  /** Device/kit ID, or for invalid scans the safe display text. */
  identifier: string
  /** Raw payload as received (kept for the audit trail; never rendered as markup). */
  raw: string
  /** Why an invalid scan was refused. */
  reason: string | null
  source: 'hid' | 'wedge' | 'manual' | 'file'
  scannerId: string | null
  at: string
  /** The preview item this scan belongs to (the item row id); defaults to the scan id. */
  itemId?: string | null
}

/** A kit as claimInfo described it. */
export interface KitInfo {
  kitId: string
  displayName: string
  sensors: number
  cloudConnectors: number
  devices: { deviceId: string; deviceType: string; productNumber: string; isClaimed: boolean }[]
}

/** What DT told us about one scanned identifier. */
export type Lookup =
  | { status: 'pending'; attempts: number; lastError: string | null }
  | { status: 'failed'; attempts: number; lastError: string }
  | { status: 'kit'; kit: KitInfo }
  | { status: 'device'; deviceType: string; productNumber: string; isClaimed: boolean }
  | { status: 'not_found' }

/** Where one device (or kit, for kit-level errors) stands after a claim attempt. */
export type ResultState = 'sending' | 'unknown' | 'claimed' | 'parked' | 'failed' | 'not_found'

export interface DeviceResult {
  state: ResultState
  /** DT per-item code (ALREADY_CLAIMED, NOT_FOUND, …) or an engine code (parked_elsewhere, rejected). */
  code: string | null
  message: string
  batchId: string | null
}

/** What a claim would send, built from the preview (so from DB rows only). */
export interface ClaimPlan {
  /** Whole kits (no member claimed yet): sent as kitIds. */
  kitIds: string[]
  /** Member device IDs per planned kit (what reconciliation checks). */
  kitMembers: Record<string, string[]>
  /** Loose devices and the remaining members of partial kits: sent as deviceIds. */
  deviceIds: string[]
  /** Devices the claim covers (kit members + deviceIds). */
  deviceCount: number
}
