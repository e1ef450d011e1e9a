import { FORMULA_TRIGGERS } from './csv-safe'

/**
 * SQL that renders one page of audit rows as finished CSV bytes inside SQLite (neutralized,
 * quoted, newline-terminated): a million-row export then costs one Buffer per page in JS
 * instead of a dozen allocations per row. It must agree byte for byte with the JS path
 * (neutralizeCell + csvRecord); a property test compares the two on hostile strings.
 */

/** Code points of the formula triggers. */
const TRIGGERS = [...FORMULA_TRIGGERS].map((c) => c.codePointAt(0) as number).join(',')

/**
 * JS `\s` (what neutralizeCell skips before looking again), written literally into the SQL so
 * SQLite does not rebuild it per row. NUL is left out: SQLite's trim stops reading its character
 * set at a NUL, and NUL is a trigger itself, so a cell whose first non-blank is NUL is still
 * caught by the instr() test.
 */
const BLANKS = String.fromCodePoint(9, 10, 11, 12, 13, 32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288, 65279)

/** unicode() answers NULL for a leading NUL, so NUL is tested with instr() (which reads past NULs). */
const startsWithTrigger = (expr: string): string => `(unicode(${expr}) IN (${TRIGGERS}) OR instr(${expr}, char(0)) = 1)`

/**
 * A cell starting with a letter, digit or `{` is neither a trigger nor a blank: the cheap GLOB
 * settles almost every cell (timestamps, IDs, JSON objects) before the full test runs.
 */
const neutralized = (col: string): string =>
  `CASE WHEN ${col} IS NULL THEN '' WHEN ${col} GLOB '[0-9A-Za-z{]*' THEN ${col} ` +
  `WHEN ${startsWithTrigger(col)} OR ${startsWithTrigger(`ltrim(${col}, '${BLANKS}')`)} THEN '''' || ${col} ELSE ${col} END`

const quoted = (expr: string): string =>
  `CASE WHEN instr(${expr}, '"') > 0 OR instr(${expr}, ',') > 0 OR instr(${expr}, char(10)) > 0 OR instr(${expr}, char(13)) > 0 ` +
  `THEN '"' || replace(${expr}, '"', '""') || '"' ELSE ${expr} END`

const TEXT_COLUMNS = ['ts', 'station', 'operator', 'session_id', 'event_type', 'subject', 'outcome', 'payload'] as const

/**
 * `SELECT last_seq, n, csv` (csv as a BLOB of UTF-8) for up to `pageSize` rows after `?` (last
 * parameter), restricted by `where` (a WHERE clause over audit with its own bound parameters, or '').
 */
export function auditCsvPageSql(where: string, pageSize: number): string {
  const cond = where ? `${where} AND seq > ?` : 'WHERE seq > ?'
  const inner = TEXT_COLUMNS.map((c) => `${neutralized(c)} AS ${c}`).join(', ')
  const line = ['seq', ...TEXT_COLUMNS.map((c) => quoted(c)), 'prev_hash', 'hash'].join(" || ',' || ")
  return (
    // ORDER BY inside group_concat is the documented way to keep row order.
    `SELECT max(seq) AS last_seq, count(*) AS n, CAST(group_concat(${line} || char(10), '' ORDER BY seq) AS BLOB) AS csv ` +
    `FROM (SELECT seq, ${inner}, prev_hash, hash FROM audit ${cond} ORDER BY seq LIMIT ${pageSize})`
  )
}
