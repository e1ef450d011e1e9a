import { z } from 'zod'

/**
 * Error codes that cross the IPC boundary. snake_case, stable: the renderer maps them to
 * operator-facing text and sounds. Add a code here before throwing it anywhere.
 */
export const errorCodeSchema = z.enum([
  'invalid_input', // the renderer sent something the contract does not allow
  'unknown_channel',
  'forbidden_sender', // IPC from a frame the app did not create
  'not_found', // a session, item or batch id that does not exist
  'conflict', // the action does not fit the current state (e.g. claim while lookups pending)
  'storage_error', // SQLite failed: nothing was acknowledged
  'dt_unauthorized',
  'dt_forbidden',
  'dt_not_found',
  'dt_rate_limited',
  'dt_unavailable', // network down, 5xx, timeouts
  'dt_bad_response',
  'no_credentials',
  'secret_storage_unavailable', // safeStorage missing or Linux basic_text backend
  'internal_error'
])
/** A stable, machine-readable error code. */
export type ErrorCode = z.infer<typeof errorCodeSchema>

/** The error half of the result envelope. */
export const dockErrorSchema = z.object({ code: errorCodeSchema, message: z.string() })
export type DockErrorShape = z.infer<typeof dockErrorSchema>

/**
 * Every invoke crosses IPC as this envelope: Electron keeps only `message` of a thrown error,
 * so errors travel as data, never as exceptions.
 */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: DockErrorShape }

/** An error with a contract error code; the dispatcher turns it into an envelope. */
export class DockError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'DockError'
  }
}
