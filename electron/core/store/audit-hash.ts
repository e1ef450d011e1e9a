import { hash } from 'node:crypto'

/** prev_hash of the first row. */
export const GENESIS_HASH = '0'.repeat(64)

/** The fields of one audit row the hash covers, in chain order. */
export interface AuditHashFields {
  prevHash: string
  seq: number
  ts: string
  station: string
  operator: string | null
  sessionId: string | null
  eventType: string
  subject: string | null
  /** Canonical JSON text, exactly as stored. */
  payload: string
  outcome: string
}

/**
 * sha256 over prev_hash ‖ seq ‖ ts ‖ station ‖ operator ‖ session ‖ event type ‖ subject ‖
 * payload ‖ outcome. The fields are joined as a JSON array so the encoding is unambiguous:
 * no field can absorb its neighbour, and null differs from "".
 */
export function auditHash(f: AuditHashFields): string {
  return sha256Hex(JSON.stringify([f.prevHash, f.seq, f.ts, f.station, f.operator, f.sessionId, f.eventType, f.subject, f.payload, f.outcome]))
}

/** SQL producing the same material from a stored row (json_array ≡ JSON.stringify of the array). */
export const AUDIT_HASH_MATERIAL_SQL = 'json_array(prev_hash, seq, ts, station, operator, session_id, event_type, subject, payload, outcome)'

export function sha256Hex(material: string): string {
  return hash('sha256', material, 'hex')
}
