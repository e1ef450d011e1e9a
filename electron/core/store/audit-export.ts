import { stringify } from 'csv-stringify/sync'
import { neutralizeCell } from './csv-safe'
import { writeExportFile } from './export-file'
import type { AuditFilter, AuditLog } from './types'

/** Column order of the audit CSV; prev_hash is included so the file can be re-verified offline. */
export const AUDIT_CSV_COLUMNS = ['seq', 'ts', 'station', 'operator', 'session_id', 'event_type', 'subject', 'outcome', 'payload', 'prev_hash', 'hash'] as const

/** CSV text of the rows matching `filter` (limit/offset ignored), yielded in chunks (rendered by SQLite). */
export function* auditCsvChunks(audit: AuditLog, filter: AuditFilter): Generator<string | Buffer> {
  // A UTF-8 BOM so Excel reads non-ASCII operators and payloads correctly.
  yield '\ufeff' + stringify([AUDIT_CSV_COLUMNS.map(neutralizeCell)])
  yield* audit.csvPages(filter)
}

/** Write the filtered audit log as CSV into exportDir under an app-built name. */
export function exportAuditCsv(
  audit: AuditLog,
  filter: AuditFilter,
  options: { exportDir: string; now: Date }
): { fileName: string; path: string; bytes: number } {
  return writeExportFile({ exportDir: options.exportDir, prefix: 'audit', ext: 'csv', content: auditCsvChunks(audit, filter), now: options.now })
}
