import { createHash } from 'node:crypto'
import { DockError } from '../../../shared/contract'
import type { AuditWriter } from './audit-log'
import type { StoreContext } from './store-context'
import type { ManifestRecord, ManifestRow, ManifestsRepo } from './types'

interface Row {
  id: number
  session_id: string
  imported_at: string
  source_name: string | null
  row_count: number
  text_sha256: string | null
}

export function createManifestsRepo(ctx: StoreContext, audit: AuditWriter): ManifestsRepo {
  const { db } = ctx
  const insert = db.prepare(
    'INSERT INTO manifests (session_id, imported_at, source_name, row_count, text_sha256) VALUES (?, ?, ?, ?, ?)'
  )
  const insertRow = db.prepare('INSERT INTO manifest_rows (manifest_id, line, kit_id, expected_devices) VALUES (?, ?, ?, ?)')
  const latest = db.prepare('SELECT * FROM manifests WHERE session_id = ? ORDER BY id DESC LIMIT 1')
  const rows = db.prepare('SELECT kit_id, expected_devices FROM manifest_rows WHERE manifest_id = ? ORDER BY line')
  const sessionExists = db.prepare('SELECT 1 FROM sessions WHERE id = ?').pluck()

  const load = (r: Row): ManifestRecord => ({
    id: r.id,
    sessionId: r.session_id,
    importedAt: r.imported_at,
    sourceName: r.source_name,
    rowCount: r.row_count,
    textSha256: r.text_sha256,
    rows: (rows.all(r.id) as { kit_id: string; expected_devices: number | null }[]).map(
      (x): ManifestRow => ({ kitId: x.kit_id, expectedDevices: x.expected_devices })
    )
  })

  return {
    import(sessionId, manifestRows, meta, extra) {
      return ctx.tx(() => {
        if (!sessionExists.get(sessionId)) throw new DockError('not_found', `No session ${sessionId.slice(0, 64)}`)
        const sha = meta?.text !== undefined ? createHash('sha256').update(meta.text, 'utf8').digest('hex') : null
        const id = Number(insert.run(sessionId, ctx.now(), meta?.sourceName ?? null, manifestRows.length, sha).lastInsertRowid)
        manifestRows.forEach((r, i) => insertRow.run(id, i + 1, r.kitId, r.expectedDevices))
        audit.record(
          {
            eventType: 'manifest.imported',
            outcome: 'ok',
            sessionId,
            subject: meta?.sourceName ?? null,
            payload: { manifestId: id, rows: manifestRows.length, textSha256: sha }
          },
          extra
        )
        return load(latest.get(sessionId) as Row)
      })
    },
    latest(sessionId) {
      return ctx.read(() => {
        const r = latest.get(sessionId) as Row | undefined
        return r ? load(r) : null
      })
    }
  }
}
