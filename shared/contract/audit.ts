import { z } from 'zod'
import { invoke } from './define'

/** One row of the hash-chained, append-only audit log. */
export const auditRowSchema = z.object({
  seq: z.number().int(),
  ts: z.string(),
  station: z.string(),
  operator: z.string().nullable(),
  sessionId: z.string().nullable(),
  eventType: z.string(),
  /** The device/kit ID or other subject of the event, if any. */
  subject: z.string().nullable(),
  outcome: z.string(),
  /** Canonical JSON of what was sent / what came back. */
  payload: z.string(),
  hash: z.string()
})
export type AuditRow = z.infer<typeof auditRowSchema>

/** Filters for the audit view; all optional, combined with AND. */
export const auditQuerySchema = z
  .object({
    text: z.string().max(128).optional(),
    sessionId: z.string().max(64).optional(),
    operator: z.string().max(64).optional(),
    outcome: z.string().max(64).optional(),
    from: z.string().max(40).optional(),
    to: z.string().max(40).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0)
  })
  .strict()

/** Result of walking the hash chain. `firstBadSeq` names the first row that does not verify. */
export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
  headHash: z.string().nullable()
})
export type AuditVerify = z.infer<typeof auditVerifySchema>

export const auditChannels = {
  'audit.query': invoke(
    auditQuerySchema,
    z.object({ rows: z.array(auditRowSchema), total: z.number().int() }),
    'Search the audit log.'
  ),
  'audit.verify': invoke(z.object({}).strict(), auditVerifySchema, 'Verify the hash chain; reports the first bad row.'),
  'audit.export': invoke(
    auditQuerySchema,
    z.object({ fileName: z.string(), path: z.string(), content: z.string() }),
    'Export (filtered) audit rows as CSV.'
  )
} as const
