import type { KeyValueStore } from '../settings/settings-service'
import type { AuditWriter } from './audit-log'
import type { StoreContext } from './store-context'

/** Keys the store itself writes; not audited (bookkeeping, not a settings change). */
export const INTERNAL_KEY_PREFIX = 'store.'

/** The settings port on the `settings` table. Writes are audited as `settings.changed`. */
export function createKvRepo(ctx: StoreContext, audit: AuditWriter): KeyValueStore {
  const { db } = ctx
  const get = db.prepare('SELECT value FROM settings WHERE key = ?').pluck()
  const set = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at'
  )
  return {
    getJson(key) {
      return ctx.read(() => {
        const v = get.get(key) as string | undefined
        return v === undefined ? undefined : (JSON.parse(v) as unknown)
      })
    },
    setJson(key, value) {
      ctx.tx(() => {
        set.run(key, JSON.stringify(value ?? null), ctx.now())
        if (!key.startsWith(INTERNAL_KEY_PREFIX)) {
          audit.append({ eventType: 'settings.changed', outcome: 'ok', subject: key, payload: { value: value ?? null } })
        }
      })
    }
  }
}
