import { CONTROL_PREFIX, controlCommandFor, type ControlCommand } from './control-codes'
import { escapeForDisplay } from './display'
import { DEVICE_ID_PATTERN } from './ids'

/**
 * One parser for every input path (HID POS, keyboard wedge, manual entry, CLI, imported files).
 * DT does not document what its QR labels contain (bare ID, URL or prefixed string), so the rules
 * are defensive and each has a test in test/unit/payload/parse-payload.test.ts.
 */

/** Longest payload accepted, after trimming terminators. Long enough for a URL carrying an ID. */
export const MAX_PAYLOAD_LENGTH = 256

/**
 * Query parameters that may carry the ID in a URL payload, in the order they are tried (names
 * compared case-insensitively). When none is present, the last non-empty path segment is used.
 */
export const ID_QUERY_PARAMS: readonly string[] = ['deviceid', 'kitid', 'id', 'identifier']

/** Kit ID (opaque): letters, digits and `-`, 4–64 chars, starting and ending with a letter or digit. */
export const KIT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{2,62}[A-Za-z0-9]$/

/** Where the ID came from. */
export interface PayloadSource {
  /** AIM symbology identifier (e.g. `]Q1`) from the scanner, or null when none was sent. */
  aim: string | null
  /** `bare`: the payload was the ID itself; `url`: the ID was taken out of a URL. */
  via: 'bare' | 'url'
  /** For `url`: the query parameter that carried the ID, or null when it was the last path segment. */
  urlParam: string | null
}

/** Why a payload was refused. */
export type PayloadRejectCode =
  | 'not_text'
  | 'empty'
  | 'too_long'
  | 'control_chars'
  | 'bidi'
  | 'zero_width'
  | 'non_ascii'
  | 'gs1_data'
  | 'product_barcode'
  | 'unknown_control'
  | 'unsupported_url'
  | 'url_without_id'
  | 'unknown_format'

/**
 * Result of {@link parsePayload}: a discriminated union on `ok`, then `kind`.
 * `display` is always a safe, escaped, capped preview of the (trimmed) input.
 * `kind` is a local classification; DT's claimInfo `type` is authoritative (a kit ID that happens
 * to look like a device ID is reported here as `device`; the lookup tells the truth).
 */
export type ParsedPayload =
  | { ok: true; kind: 'device'; id: string; emulated: boolean; source: PayloadSource; display: string }
  | { ok: true; kind: 'kit'; id: string; source: PayloadSource; display: string }
  | { ok: true; kind: 'control'; command: ControlCommand; source: PayloadSource; display: string }
  | { ok: false; code: PayloadRejectCode; reason: string; display: string; aim: string | null }

export type PayloadRejection = Extract<ParsedPayload, { ok: false }>

/** Options for {@link parsePayload}. */
export interface ParseOptions {
  /** AIM identifier already split off by a decoder (HID POS sends it separately). */
  aim?: string | null
}

// Terminators a scanner may add (CR, LF, Tab) and spaces from manual entry; only ASCII, so a
// zero-width BOM or NBSP is never trimmed away silently.
const TRIM = /^[\r\n\t ]+|[\r\n\t ]+$/g
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
// U+034F (combining grapheme joiner) sits outside the class: inside it would combine with its neighbour.
const ZERO_WIDTH = /[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]|\u034f/
const GS = '\u001d'
const NON_ASCII = /[^\u0020-\u007e]/
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//

/**
 * Parse one scanned or typed payload. Never throws.
 *
 * Rules, in order: trim CR/LF/Tab/space at both ends; refuse empty, longer than
 * {@link MAX_PAYLOAD_LENGTH}, bidi controls, zero-width characters, GS (GS1 data), other control
 * characters, non-ASCII; strip a leading AIM identifier (`]` + letter + modifier); control barcodes
 * ({@link CONTROL_PREFIX}, any case); `http(s)://` URLs carry the ID in a query parameter
 * ({@link ID_QUERY_PARAMS}) or the last path segment; device IDs are normalized to lower case
 * (DT IDs are lowercase base32hex, a caps-lock keyboard wedge sends upper case); kit IDs are opaque
 * and kept exactly as printed; a valid EAN/UPC/GTIN number is refused as a product barcode.
 */
export function parsePayload(text: string, options: ParseOptions = {}): ParsedPayload {
  let aim = options.aim ?? null
  if (typeof text !== 'string') return reject('not_text', 'Input is not text.', '', aim)
  const trimmed = text.replace(TRIM, '')
  const display = escapeForDisplay(trimmed)
  const no = (code: PayloadRejectCode, reason: string): PayloadRejection => reject(code, reason, display, aim)

  if (trimmed.length === 0) return no('empty', 'Nothing was scanned (empty code).')
  if (trimmed.length > MAX_PAYLOAD_LENGTH)
    return no('too_long', `Code is too long (${trimmed.length} characters, at most ${MAX_PAYLOAD_LENGTH}).`)
  if (BIDI.test(trimmed)) return no('bidi', 'Code contains hidden text-direction characters; it may be forged.')
  if (ZERO_WIDTH.test(trimmed)) return no('zero_width', 'Code contains invisible (zero-width) characters; it may be forged.')
  if (trimmed.includes(GS)) return no('gs1_data', 'This is a GS1 data code (product or shipping label), not a DT device or kit code.')
  if (hasControlChar(trimmed)) return no('control_chars', 'Code contains control characters (for example a line break inside it).')
  if (NON_ASCII.test(trimmed)) return no('non_ascii', 'Code contains characters that are not plain letters or digits (look-alike letters?).')

  let body = trimmed
  const aimMatch = AIM_PREFIX.exec(body)
  if (aimMatch) {
    aim = aimMatch[0]
    body = body.slice(aim.length).replace(TRIM, '')
    if (body.length === 0) return no('empty', 'The scanner sent only its symbology prefix, no code.')
  }
  if (aim !== null && aim.startsWith(']E'))
    return no('product_barcode', 'This is a product barcode (EAN/UPC), not a DT device or kit code.')

  if (body.toUpperCase().startsWith(CONTROL_PREFIX)) {
    const command = controlCommandFor(body)
    if (command === null) return no('unknown_control', 'Unknown control barcode; print a fresh control sheet.')
    return { ok: true, kind: 'control', command, source: { aim, via: 'bare', urlParam: null }, display }
  }

  let candidate = body
  let source: PayloadSource = { aim, via: 'bare', urlParam: null }
  if (URL_LIKE.test(body)) {
    const fromUrl = idFromUrl(body)
    if (!fromUrl.ok) return no(fromUrl.code, fromUrl.reason)
    candidate = fromUrl.id
    source = { aim, via: 'url', urlParam: fromUrl.param }
  }
  return classify(candidate, source, display, no)
}

type UrlResult = { ok: true; id: string; param: string | null } | { ok: false; code: PayloadRejectCode; reason: string }

function idFromUrl(body: string): UrlResult {
  let url: URL
  try {
    url = new URL(body)
  } catch {
    return { ok: false, code: 'unknown_format', reason: 'Code looks like a web address but is malformed.' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, code: 'unsupported_url', reason: `Web addresses of type "${url.protocol}" are not accepted.` }
  const params = [...url.searchParams.entries()]
  for (const name of ID_QUERY_PARAMS) {
    const hit = params.find(([k, v]) => k.toLowerCase() === name && v.trim() !== '')
    if (hit) return { ok: true, id: hit[1].trim(), param: hit[0] }
  }
  const segments = url.pathname.split('/').filter((s) => s !== '')
  const last = segments[segments.length - 1]
  if (last === undefined) return { ok: false, code: 'url_without_id', reason: 'Web address carries no device or kit ID.' }
  try {
    return { ok: true, id: decodeURIComponent(last), param: null }
  } catch {
    return { ok: false, code: 'unknown_format', reason: 'Web address has a malformed ID segment.' }
  }
}

function classify(
  candidate: string,
  source: PayloadSource,
  display: string,
  no: (code: PayloadRejectCode, reason: string) => PayloadRejection
): ParsedPayload {
  const lower = candidate.toLowerCase()
  if (DEVICE_ID_PATTERN.test(lower))
    return { ok: true, kind: 'device', id: lower, emulated: lower.startsWith('emu'), source, display }
  if (isGs1Number(candidate)) return no('product_barcode', 'This is a product barcode (EAN/UPC/GTIN), not a DT device or kit code.')
  if (KIT_ID_PATTERN.test(candidate)) return { ok: true, kind: 'kit', id: candidate, source, display }
  const where = source.via === 'url' ? 'The ID in this web address' : 'Code'
  return no('unknown_format', `${where} is neither a DT device ID (20 letters/digits) nor a kit ID.`)
}

/** EAN-8, UPC-A, EAN-13 or GTIN-14 with a valid GS1 mod-10 check digit. */
function isGs1Number(s: string): boolean {
  if (!/^(?:\d{8}|\d{12,14})$/.test(s)) return false
  let sum = 0
  for (let i = s.length - 2, w = 3; i >= 0; i--, w = 4 - w) sum += Number(s[i]) * w
  return (10 - (sum % 10)) % 10 === Number(s[s.length - 1])
}

function reject(code: PayloadRejectCode, reason: string, display: string, aim: string | null): PayloadRejection {
  return { ok: false, code, reason, display, aim }
}

/** C0 controls, DEL and C1 controls. */
function hasControlChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true
  }
  return false
}
