import { readFileSync } from 'node:fs'
import type { Handlers } from '../dispatcher'
import { exportAuditCsv } from './audit-export'
import type { AuditFilter, Store } from './types'

/** Larger exports are returned by path only (content ''): the IPC bridge is no place for 100 MB. */
export const MAX_INLINE_EXPORT_BYTES = 8 * 1024 * 1024

type AuditChannel = 'audit.query' | 'audit.verify' | 'audit.export'

/**
 * Handlers for the audit view. Export ignores limit/offset (an export is every matching row),
 * verifies the chain first and records the export, with the verify result, in the audit log.
 */
export function createAuditHandlers(deps: { store: Store; exportDir: string; clock?: () => Date }): Pick<Handlers, AuditChannel> {
  const { store } = deps
  const clock = deps.clock ?? (() => new Date())
  return {
    'audit.query': (input) => store.audit.query(input),
    'audit.verify': () => store.audit.verify(),
    'audit.export': (input) => {
      const filter: AuditFilter = { ...input, limit: undefined, offset: undefined }
      const verify = store.audit.verify()
      const head = store.audit.head()
      const file = exportAuditCsv(store.audit, filter, { exportDir: deps.exportDir, now: clock() })
      store.audit.append({
        eventType: 'audit.exported',
        outcome: verify.ok ? 'ok' : 'chain_broken',
        subject: file.fileName,
        payload: { filter: { ...filter }, bytes: file.bytes, throughSeq: head?.seq ?? 0, headHash: head?.hash ?? null, verify }
      })
      const content = file.bytes <= MAX_INLINE_EXPORT_BYTES ? readFileSync(file.path, 'utf8') : ''
      return { fileName: file.fileName, path: file.path, content }
    }
  }
}
