import { stringify } from 'csv-stringify/sync'

/**
 * First characters that make spreadsheet apps treat a cell as a formula (OWASP CSV injection:
 * = + - @ tab CR), plus LF and NUL, and the full-width forms some spreadsheet apps normalise
 * to their ASCII twins. Scanned text is hostile input: a barcode can carry `=HYPERLINK(...)`.
 */
export const FORMULA_TRIGGERS: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\0', '\uff1d', '\uff0b', '\uff0d', '\uff20'])

const LEADING_BLANKS = /^\s+/

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

const NEEDS_QUOTES = /[",\r\n]/
const QUOTES = /"/g

/**
 * One CSV record (with trailing \n) of already-neutralized cells, quoted exactly as
 * csv-stringify does with default options (a property test holds them byte-equal). It exists
 * because csv-stringify costs ~20 µs per row, too slow for a million-row audit export.
 */
export function csvRecord(cells: readonly string[]): string {
  let out = ''
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as string
    if (i > 0) out += ','
    out += NEEDS_QUOTES.test(c) ? `"${c.replace(QUOTES, '""')}"` : c
  }
  return out + '\n'
}

/** CSV of neutralized cells (RFC 4180 quoting by csv-stringify), no BOM. */
export function toSafeCsv(header: readonly string[] | null, rows: Iterable<readonly (string | number | boolean | null | undefined)[]>): string {
  const records: string[][] = []
  if (header) records.push(header.map(neutralizeCell))
  for (const r of rows) records.push(r.map(neutralizeCell))
  return stringify(records)
}
