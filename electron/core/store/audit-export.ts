import { stringify } from 'csv-stringify/sync'
import { neutralizeCell } from './csv-safe'
import { writeExportFile } from './export-file'
import type { AuditFilter, AuditLog } from './types'

/** Column order of the audit CSV; prev_hash is included so the file can be re-verified offline. */
export const AUDIT_CSV_COLUMNS = ['seq', 'ts', 'station', 'operator', 'session_id', 'event_type', 'subject', 'outcome', 'payload', 'prev_hash', 'hash'] as const

const ROWS_PER_CHUNK = 5000

/** CSV text of the rows matching `filter` (limit/offset ignored), yielded in chunks. */
export function* auditCsvChunks(audit: AuditLog, filter: AuditFilter): Generator<string> {
  // A UTF-8 BOM so Excel reads non-ASCII operators and payloads correctly.
  yield '\ufeff' + stringify([AUDIT_CSV_COLUMNS.map(neutralizeCell)])
  let batch: string[][] = []
  for (const r of audit.iterate(filter)) {
    batch.push([
      String(r.seq),
      neutralizeCell(r.ts),
      neutralizeCell(r.station),
      neutralizeCell(r.operator),
      neutralizeCell(r.sessionId),
      neutralizeCell(r.eventType),
      neutralizeCell(r.subject),
      neutralizeCell(r.outcome),
      neutralizeCell(r.payload),
      r.prevHash,
      r.hash
    ])
    if (batch.length === ROWS_PER_CHUNK) {
      yield stringify(batch)
      batch = []
    }
  }
  if (batch.length) yield stringify(batch)
}

/** Write the filtered audit log as CSV into exportDir under an app-built name. */
export function exportAuditCsv(
  audit: AuditLog,
  filter: AuditFilter,
  options: { exportDir: string; now: Date }
): { fileName: string; path: string; bytes: number } {
  return writeExportFile({ exportDir: options.exportDir, prefix: 'audit', ext: 'csv', content: auditCsvChunks(audit, filter), now: options.now })
}
