import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LATEST_VERSION, migrate, migrations } from '../../../electron/core/store/migrations'

let dir: string
let db: Database.Database
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dock-mig-'))
  db = new Database(join(dir, 'm.db'))
  db.pragma('foreign_keys = ON')
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const tables = () => (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string }[])
const indexes = () => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").pluck().all() as string[])
const version = () => db.pragma('user_version', { simple: true })

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1))
    expect(LATEST_VERSION).toBe(migrations.length)
  })

  it('1: creates STRICT core tables and an append-only audit table', () => {
    expect(migrate(db, 1)).toBe(1)
    const t = tables()
    expect(t.map((x) => x.name)).toEqual(['audit', 'items', 'manifest_rows', 'manifests', 'scans', 'sessions', 'settings'])
    for (const x of t) expect(x.sql).toMatch(/\)\s*STRICT$/)
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").pluck().all()
    expect(triggers).toEqual(['audit_no_delete', 'audit_no_update'])
    // Length caps are enforced by CHECK constraints.
    db.prepare("INSERT INTO sessions VALUES ('s1','o','p','P','ann','desk','r','open','t','t')").run()
    expect(() => db.prepare("INSERT INTO sessions VALUES ('s2','o','p','P',?,'desk','r','open','t','t')").run('x'.repeat(65))).toThrow(/CHECK/)
    expect(() => db.prepare("INSERT INTO sessions VALUES ('s3','o','p','P','ann','desk','r','closed','t','t')").run()).toThrow(/CHECK/)
    // STRICT: a wrong type is refused, not coerced.
    expect(() => db.prepare("INSERT INTO manifests (session_id, imported_at, row_count) VALUES ('s1','t','many')").run()).toThrow(/cannot store TEXT/)
  })

  it('2: adds the claim tables and keeps version-1 data', () => {
    migrate(db, 1)
    db.prepare("INSERT INTO sessions VALUES ('s1','o','p','P','ann','desk',NULL,'open','t','t')").run()
    expect(migrate(db, 2)).toBe(2)
    expect(tables().map((x) => x.name)).toEqual(
      expect.arrayContaining(['claim_attempts', 'claim_batches', 'claim_chunks', 'claim_devices'])
    )
    expect(db.prepare('SELECT operator FROM sessions WHERE id = ?').pluck().get('s1')).toBe('ann')
    const h = 'a'.repeat(64)
    db.prepare("INSERT INTO claim_batches VALUES ('b1','s1','p',NULL,'ready',?,2,0,NULL,'t','t')").run(h)
    db.prepare("INSERT INTO claim_chunks (id,batch_id,session_id,idx,state,project_id,request_json,body_hash,created_at,updated_at) VALUES ('c1','b1','s1',0,'ready','p','{}',?,'t','t')").run(h)
    const dev = db.prepare("INSERT INTO claim_devices (batch_id,chunk_id,session_id,project_id,device_id,status,updated_at) VALUES ('b1','c1','s1','p',?,?,'t')")
    dev.run('d1', 'pending')
    // The partial UNIQUE index: a device may be live in one batch only, failed rows do not count.
    expect(() => dev.run('d1', 'claimed')).toThrow(/UNIQUE/)
    dev.run('d1', 'failed')
    dev.run('d1', 'failed')
    expect(db.prepare("SELECT count(*) FROM claim_devices WHERE device_id='d1'").pluck().get()).toBe(3)
  })

  it('3: adds the claimed-here index, which the lookup uses', () => {
    migrate(db, 2)
    expect(indexes()).not.toContain('claim_devices_claimed')
    expect(migrate(db, 3)).toBe(3)
    expect(indexes()).toContain('claim_devices_claimed')
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM claim_devices WHERE device_id = ? AND status = 'claimed'").all('x') as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX claim_devices_claimed/)
  })

  it('4: adds the cross-session identifier index, which the "ever" duplicate check uses', () => {
    migrate(db, 3)
    expect(indexes()).not.toContain('items_identifier_live')
    expect(migrate(db, 4)).toBe(4)
    expect(indexes()).toContain('items_identifier_live')
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT 1 FROM items WHERE identifier = ? AND session_id <> ? AND removed_at IS NULL LIMIT 1').all('x', 's') as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX items_identifier_live/)
  })

  it('is idempotent and refuses a database from a newer app', () => {
    migrate(db)
    expect(migrate(db)).toBe(LATEST_VERSION)
    db.pragma(`user_version = ${LATEST_VERSION + 1}`)
    expect(() => migrate(db)).toThrow(/newer than this Dock Claim/)
  })

  it('rolls a failing migration back as a whole', () => {
    migrate(db, 1)
    // Occupy a name migration 2 creates: it must fail and leave version 1 with no half-made tables.
    db.exec('CREATE TABLE claim_devices (x INTEGER) STRICT')
    expect(() => migrate(db)).toThrow()
    expect(version()).toBe(1)
    expect(tables().map((x) => x.name)).not.toContain('claim_batches')
  })
})
