import type BetterSqlite3 from 'better-sqlite3'
import { StorageError } from './errors'

/**
 * Versioned schema migrations. PRAGMA user_version holds the last applied version; each
 * migration runs in its own IMMEDIATE transaction. Never edit a released migration: add one.
 * Tables are STRICT; CHECK constraints cap lengths so hostile input cannot bloat the file.
 */
export interface Migration {
  version: number
  name: string
  sql: string
}

const ITEM_STATES =
  "'pending','lookup_failed','to_claim','covered','claimed_here','claimed_elsewhere','not_found','invalid','sending','unknown','claimed','failed'"
const SOURCES = "'hid','wedge','manual','file'"
const json = (col: string, max: number, nullable = true): string =>
  nullable
    ? `CHECK (${col} IS NULL OR (length(${col}) <= ${max} AND json_valid(${col})))`
    : `CHECK (length(${col}) <= ${max} AND json_valid(${col}))`
const text = (col: string, max: number, nullable = true): string =>
  nullable ? `CHECK (${col} IS NULL OR length(${col}) <= ${max})` : `CHECK (length(${col}) BETWEEN 1 AND ${max})`

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'core tables: settings, sessions, scans, items, manifests, audit',
    sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY ${text('key', 128, false)},
  value TEXT NOT NULL ${json('value', 1000000, false)},
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY ${text('id', 64, false)},
  organization_id TEXT NOT NULL ${text('organization_id', 64, false)},
  project_id TEXT NOT NULL ${text('project_id', 64, false)},
  project_name TEXT NOT NULL ${text('project_name', 256)},
  operator TEXT NOT NULL ${text('operator', 64, false)},
  station TEXT NOT NULL ${text('station', 64, false)},
  reference TEXT ${text('reference', 128)},
  status TEXT NOT NULL CHECK (status IN ('open','paused','committing','done')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_created ON sessions(created_at);

CREATE TABLE scans (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE ${text('id', 64, false)},
  session_id TEXT NOT NULL REFERENCES sessions(id),
  kind TEXT NOT NULL CHECK (kind IN ('device','kit','identifier','control','invalid')),
  identifier TEXT NOT NULL ${text('identifier', 4096)},
  raw TEXT NOT NULL ${text('raw', 4096)},
  reason TEXT ${text('reason', 512)},
  source TEXT NOT NULL CHECK (source IN (${SOURCES})),
  scanner_id TEXT ${text('scanner_id', 128)},
  aim TEXT ${text('aim', 8)},
  at TEXT NOT NULL ${text('at', 40, false)},
  recorded_at TEXT NOT NULL,
  item_id TEXT ${text('item_id', 64)},
  removed_at TEXT,
  removed_reason TEXT ${text('removed_reason', 256)}
) STRICT;
CREATE INDEX scans_session ON scans(session_id, seq);

CREATE TABLE items (
  id TEXT PRIMARY KEY ${text('id', 64, false)},
  session_id TEXT NOT NULL REFERENCES sessions(id),
  kind TEXT NOT NULL CHECK (kind IN ('kit','device','problem')),
  identifier TEXT NOT NULL ${text('identifier', 4096)},
  state TEXT NOT NULL CHECK (state IN (${ITEM_STATES})),
  flags_json TEXT NOT NULL DEFAULT '[]' ${json('flags_json', 65536, false)},
  lookup_json TEXT ${json('lookup_json', 1000000)},
  result_json TEXT ${json('result_json', 65536)},
  data_json TEXT ${json('data_json', 1000000)},
  scan_id TEXT ${text('scan_id', 64)},
  source TEXT NOT NULL CHECK (source IN (${SOURCES})),
  scanner_id TEXT ${text('scanner_id', 128)},
  scanned_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  lookup_attempts INTEGER NOT NULL DEFAULT 0 CHECK (lookup_attempts >= 0),
  lookup_error TEXT ${text('lookup_error', 1024)},
  removed_at TEXT,
  removed_reason TEXT ${text('removed_reason', 256)}
) STRICT;
CREATE INDEX items_session ON items(session_id, created_at);
CREATE INDEX items_identifier ON items(session_id, identifier);
CREATE INDEX items_live_state ON items(state) WHERE removed_at IS NULL;

CREATE TABLE manifests (
  id INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  imported_at TEXT NOT NULL,
  source_name TEXT ${text('source_name', 256)},
  row_count INTEGER NOT NULL CHECK (row_count >= 0),
  text_sha256 TEXT CHECK (text_sha256 IS NULL OR length(text_sha256) = 64)
) STRICT;
CREATE INDEX manifests_session ON manifests(session_id, id);
CREATE TABLE manifest_rows (
  manifest_id INTEGER NOT NULL REFERENCES manifests(id),
  line INTEGER NOT NULL,
  kit_id TEXT NOT NULL ${text('kit_id', 64, false)},
  expected_devices INTEGER CHECK (expected_devices IS NULL OR expected_devices BETWEEN 0 AND 100000),
  PRIMARY KEY (manifest_id, line)
) STRICT;

CREATE TABLE audit (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  ts TEXT NOT NULL ${text('ts', 40, false)},
  station TEXT NOT NULL ${text('station', 64, false)},
  operator TEXT ${text('operator', 64)},
  session_id TEXT ${text('session_id', 64)},
  event_type TEXT NOT NULL ${text('event_type', 64, false)},
  subject TEXT ${text('subject', 4096)},
  outcome TEXT NOT NULL ${text('outcome', 64, false)},
  payload TEXT NOT NULL CHECK (length(payload) <= 4000000),
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX audit_session ON audit(session_id) WHERE session_id IS NOT NULL;
CREATE INDEX audit_ts ON audit(ts);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`
  },
  {
    version: 2,
    name: 'claim state machine: batches, chunks, attempts, devices',
    sql: `
CREATE TABLE claim_batches (
  id TEXT PRIMARY KEY ${text('id', 64, false)},
  session_id TEXT NOT NULL REFERENCES sessions(id),
  project_id TEXT NOT NULL ${text('project_id', 64, false)},
  review_id TEXT ${text('review_id', 64)},
  state TEXT NOT NULL CHECK (state IN ('ready','sending','reconciling','done','cancelled','failed')),
  body_hash TEXT NOT NULL CHECK (length(body_hash) = 64),
  device_count INTEGER NOT NULL CHECK (device_count >= 0),
  kit_count INTEGER NOT NULL CHECK (kit_count >= 0),
  message TEXT ${text('message', 1024)},
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX claim_batches_session ON claim_batches(session_id, created_at);
CREATE INDEX claim_batches_open ON claim_batches(state) WHERE state IN ('ready','sending','reconciling','failed');

CREATE TABLE claim_chunks (
  id TEXT PRIMARY KEY ${text('id', 64, false)},
  batch_id TEXT NOT NULL REFERENCES claim_batches(id),
  session_id TEXT NOT NULL REFERENCES sessions(id),
  idx INTEGER NOT NULL CHECK (idx >= 0),
  state TEXT NOT NULL CHECK (state IN ('ready','sending','claimed','rejected','unknown','reconciling','reconciled','cancelled')),
  project_id TEXT NOT NULL ${text('project_id', 64, false)},
  request_json TEXT NOT NULL ${json('request_json', 4000000, false)},
  body_hash TEXT NOT NULL CHECK (length(body_hash) = 64),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  response_json TEXT ${json('response_json', 4000000)},
  reconcile_json TEXT ${json('reconcile_json', 4000000)},
  error TEXT ${text('error', 2048)},
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT,
  UNIQUE (batch_id, idx)
) STRICT;

CREATE TABLE claim_attempts (
  chunk_id TEXT NOT NULL REFERENCES claim_chunks(id),
  n INTEGER NOT NULL CHECK (n >= 1),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('claimed','rejected','ready','unknown')),
  response_json TEXT ${json('response_json', 4000000)},
  error TEXT ${text('error', 2048)},
  PRIMARY KEY (chunk_id, n)
) STRICT;

CREATE TABLE claim_devices (
  id INTEGER PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES claim_batches(id),
  chunk_id TEXT NOT NULL REFERENCES claim_chunks(id),
  session_id TEXT NOT NULL REFERENCES sessions(id),
  project_id TEXT NOT NULL ${text('project_id', 64, false)},
  device_id TEXT NOT NULL ${text('device_id', 64, false)},
  kit_id TEXT ${text('kit_id', 64)},
  item_id TEXT ${text('item_id', 64)},
  status TEXT NOT NULL CHECK (status IN ('pending','claimed','failed','cancelled','released')),
  code TEXT ${text('code', 128)},
  message TEXT ${text('message', 1024)},
  updated_at TEXT NOT NULL
) STRICT;
-- A device may be live (pending or claimed) in at most one batch: the last line of defence
-- against claiming it twice (reliability.md §5.2).
CREATE UNIQUE INDEX claim_devices_live ON claim_devices(device_id) WHERE status IN ('pending','claimed');
CREATE INDEX claim_devices_chunk ON claim_devices(chunk_id);
CREATE INDEX claim_devices_batch ON claim_devices(batch_id);
`
  },
  {
    version: 3,
    name: 'claimed-here index for the preview split',
    sql: `
-- "Claimed earlier by this station": the preview asks this for every device it shows.
CREATE INDEX claim_devices_claimed ON claim_devices(device_id) WHERE status = 'claimed';
`
  },
  {
    version: 4,
    name: 'identifier index across sessions for the "ever" duplicate policy',
    sql: `
-- Duplicate policy "ever": one indexed lookup per scan instead of one query per session.
CREATE INDEX items_identifier_live ON items(identifier) WHERE removed_at IS NULL;
`
  }
]

export const LATEST_VERSION = migrations[migrations.length - 1]?.version ?? 0

/** Apply every migration above the file's user_version (up to `target`). Returns the new version. */
export function migrate(db: BetterSqlite3.Database, target: number = LATEST_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > LATEST_VERSION) {
    throw new StorageError(
      `The database has schema version ${current}, newer than this Dock Claim understands (${LATEST_VERSION}). Use a newer version of the app.`
    )
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue
    db.transaction(() => {
      db.exec(m.sql)
      db.pragma(`user_version = ${m.version}`)
    }).immediate()
  }
  return db.pragma('user_version', { simple: true }) as number
}
