import { ALREADY_CLAIMED_GUIDANCE, NOT_FOUND_GUIDANCE } from '../../../shared/guidance'

/** What went wrong with a whole DT request, independent of the HTTP details. */
export type DtErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'unavailable'
  | 'bad_response'
  | 'conflict'

/** DT's error body `{error, code, help}`; `code` is an int in current docs, a string in legacy docs. */
export interface DtErrorBody {
  error: string
  code: number | string | null
  help: string | null
}

const GUIDANCE: Record<DtErrorKind, readonly string[]> = {
  unauthorized: [
    'DT did not accept the service account credentials.',
    'Check the key ID, secret and email in Settings; the key may have been deleted in DT Studio.'
  ],
  forbidden: [
    'The service account lacks a role on this project.',
    'Claiming needs the Project Administrator or Organization Administrator role on the target project.'
  ],
  not_found: NOT_FOUND_GUIDANCE,
  bad_request: ['DT rejected the request as invalid. Nothing was claimed. Report this with the audit log.'],
  rate_limited: ['DT asked the dock to slow down. It waits and retries by itself; scans are kept.'],
  unavailable: [
    'DT could not be reached or answered with a server error.',
    'Scans are kept; lookups and claims continue when DT answers again.'
  ],
  bad_response: ['DT answered with something the dock could not read. Nothing is assumed; report this with the audit log.'],
  conflict: ['DT reported a conflict (already exists or a concurrent change).', ...ALREADY_CLAIMED_GUIDANCE]
}

/** Operator guidance for a whole-request error kind. */
export function guidanceForKind(kind: DtErrorKind): readonly string[] {
  return GUIDANCE[kind]
}

/** Operator guidance for a per-item claim code (ALREADY_CLAIMED, NOT_FOUND, or an unknown code). */
export function guidanceForItemCode(code: string): readonly string[] {
  if (code === 'ALREADY_CLAIMED') return ALREADY_CLAIMED_GUIDANCE
  if (code === 'NOT_FOUND') return NOT_FOUND_GUIDANCE
  return ['DT reported an unexpected problem for this item.', 'Contact DT Support with the device or kit ID.']
}

/** HTTP status → kind. Anything DT does not document is folded into the closest operator meaning. */
export function kindForStatus(status: number): DtErrorKind {
  if (status === 400 || status === 405 || status === 413 || status === 422) return 'bad_request'
  if (status === 401) return 'unauthorized'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 409) return 'conflict'
  if (status === 429) return 'rate_limited'
  if (status >= 500) return 'unavailable'
  return 'bad_response'
}

/** A whole-request failure from DT (or from reaching DT). `status` is null when no response arrived. */
export class DtApiError extends Error {
  override readonly name = 'DtApiError'
  readonly kind: DtErrorKind
  readonly status: number | null
  readonly body: DtErrorBody | null
  readonly guidance: readonly string[]
  /** Milliseconds DT asked us to wait (429/503 Retry-After), when it said so. */
  readonly retryAfterMs: number | null
  /**
   * True when the failure happened before the API request left the dock (token fetch failed,
   * limiter wait aborted, connection refused): DT cannot have applied anything, whatever
   * `status` says (a 503 here may be the identity service's, not the API's).
   */
  readonly notSent: boolean

  constructor(init: {
    kind: DtErrorKind
    status: number | null
    message: string
    body?: DtErrorBody | null
    retryAfterMs?: number | null
    notSent?: boolean
    cause?: unknown
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.kind = init.kind
    this.status = init.status
    this.body = init.body ?? null
    this.retryAfterMs = init.retryAfterMs ?? null
    this.notSent = init.notSent ?? false
    this.guidance = guidanceForKind(init.kind)
  }
}

/** The same error flagged as "the API request was never sent" (keeps kind, status and body). */
export function asNotSent(err: DtApiError): DtApiError {
  if (err.notSent) return err
  return new DtApiError({ kind: err.kind, status: err.status, message: err.message, body: err.body, retryAfterMs: err.retryAfterMs, notSent: true, cause: err })
}

/**
 * A real claim (dryRun=false) whose outcome is unknown: the request may have been applied
 * (timeout after send, connection reset, 5xx, unreadable 200). The client NEVER re-sends it;
 * the caller must reconcile (see reconcile.ts) before any new attempt.
 */
export class DtAmbiguousError extends Error {
  override readonly name = 'DtAmbiguousError'
  readonly projectId: string
  readonly kitIds: readonly string[]
  readonly deviceIds: readonly string[]
  readonly status: number | null

  constructor(init: {
    projectId: string
    kitIds: readonly string[]
    deviceIds: readonly string[]
    status: number | null
    message: string
    cause?: unknown
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.projectId = init.projectId
    this.kitIds = init.kitIds
    this.deviceIds = init.deviceIds
    this.status = init.status
  }
}

/** Parse DT's error body leniently: the docs say its shape "may vary depending on the error". */
export function parseErrorBody(raw: unknown): DtErrorBody | null {
  if (typeof raw !== 'object' || raw === null) return null
  const o = raw as Record<string, unknown>
  const error = typeof o.error === 'string' ? o.error : typeof o.message === 'string' ? o.message : null
  if (error === null) return null
  const code = typeof o.code === 'number' || typeof o.code === 'string' ? o.code : null
  const help = typeof o.help === 'string' ? o.help : null
  return { error, code, help }
}

/** Build the typed error for a non-200 DT response. */
export function errorFromResponse(status: number, rawBody: unknown, retryAfterMs: number | null): DtApiError {
  const body = parseErrorBody(rawBody)
  const kind = kindForStatus(status)
  const summary = body ? body.error : 'no error body'
  return new DtApiError({ kind, status, body, retryAfterMs, message: `DT answered ${status}: ${summary}` })
}
