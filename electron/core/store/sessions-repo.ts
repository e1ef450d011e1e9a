import { randomUUID } from 'node:crypto'
import { DockError } from '../../../shared/contract'
import type { AuditWriter } from './audit-log'
import type { StoreContext } from './store-context'
import type { SessionRecord, SessionsRepo, SessionStatus } from './types'

interface SessionRow {
  id: string
  organization_id: string
  project_id: string
  project_name: string
  operator: string
  station: string
  reference: string | null
  status: SessionStatus
  created_at: string
  updated_at: string
}

const toRecord = (r: SessionRow): SessionRecord => ({
  id: r.id,
  organizationId: r.organization_id,
  projectId: r.project_id,
  projectName: r.project_name,
  operator: r.operator,
  station: r.station,
  reference: r.reference,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at
})

export function createSessionsRepo(ctx: StoreContext, audit: AuditWriter): SessionsRepo {
  const { db } = ctx
  const insert = db.prepare(
    `INSERT INTO sessions (id, organization_id, project_id, project_name, operator, station, reference, status, created_at, updated_at)
     VALUES (@id, @organization_id, @project_id, @project_name, @operator, @station, @reference, 'open', @now, @now)`
  )
  const byId = db.prepare('SELECT * FROM sessions WHERE id = ?')
  const all = db.prepare('SELECT * FROM sessions ORDER BY created_at DESC, rowid DESC')
  const setStatus = db.prepare('UPDATE sessions SET status = ?, updated_at = ? WHERE id = ?')

  const get = (id: string): SessionRecord | null => {
    const r = byId.get(id) as SessionRow | undefined
    return r ? toRecord(r) : null
  }
  const require = (id: string): SessionRecord => {
    const s = ctx.read(() => get(id))
    if (!s) throw new DockError('not_found', `No session ${id.slice(0, 64)}`)
    return s
  }

  return {
    create(input, extra) {
      return ctx.tx(() => {
        const id = input.id ?? randomUUID()
        insert.run({
          id,
          organization_id: input.organizationId,
          project_id: input.projectId,
          project_name: input.projectName,
          operator: input.operator,
          station: ctx.station,
          reference: input.reference,
          now: ctx.now()
        })
        const s = require(id)
        audit.record(
          {
            eventType: 'session.started',
            outcome: 'ok',
            sessionId: id,
            subject: s.projectId,
            payload: { organizationId: s.organizationId, projectId: s.projectId, projectName: s.projectName, reference: s.reference }
          },
          extra
        )
        return s
      })
    },
    get: (id) => ctx.read(() => get(id)),
    require,
    list: () => ctx.read(() => (all.all() as SessionRow[]).map(toRecord)),
    setStatus(id, status, extra) {
      return ctx.tx(() => {
        const before = require(id)
        setStatus.run(status, ctx.now(), id)
        audit.record({ eventType: 'session.status', outcome: 'ok', sessionId: id, subject: null, payload: { from: before.status, to: status } }, extra)
        return require(id)
      })
    }
  }
}
