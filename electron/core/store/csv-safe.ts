import { stringify } from 'csv-stringify/sync'

/**
 * First characters that make spreadsheet apps treat a cell as a formula (OWASP CSV injection:
 * = + - @ tab CR), plus LF and NUL, and the full-width forms some spreadsheet apps normalise
 * to their ASCII twins. Scanned text is hostile input: a barcode can carry `=HYPERLINK(...)`.
 */
export const FORMULA_TRIGGERS: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\0', '\uff1d', '\uff0b', '\uff0d', '\uff20'])

const LEADING_BLANKS = /^[\s\0]+/

/** True when a spreadsheet could read the cell as a formula. */
export function isFormulaLike(cell: string): boolean {
  if (cell.length === 0) return false
  if (FORMULA_TRIGGERS.has(cell[0] as string)) return true
  // Some apps trim leading blanks before deciding; look past them too.
  const trimmed = cell.replace(LEADING_BLANKS, '')
  return trimmed.length > 0 && FORMULA_TRIGGERS.has(trimmed[0] as string)
}

/** Prefix a single quote to formula-like cells; anything else is returned unchanged. */
export function neutralizeCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  const s = String(value)
  return isFormulaLike(s) ? `'${s}` : s
}

/** CSV of neutralized cells (RFC 4180 quoting by csv-stringify), no BOM. */
export function toSafeCsv(header: readonly string[] | null, rows: Iterable<readonly (string | number | boolean | null | undefined)[]>): string {
  const records: string[][] = []
  if (header) records.push(header.map(neutralizeCell))
  for (const r of rows) records.push(r.map(neutralizeCell))
  return stringify(records)
}
