import { existsSync, readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { Item, Review, SessionView } from '../../shared/contract'
import { createDtClient, DT_API_URL, DT_TOKEN_URL } from './claiming/client'
import { credentialsFromEnv } from './claiming/credentials'
import type { DtClient } from './claiming/types'
import { EventBus } from './event-bus'
import { createSessionService, type SessionService } from './session/session-service'
import { MemorySecretStore } from './settings/secret-store'
import { createSettingsService, defaultSettings } from './settings/settings-service'
import { exportAuditCsv } from './store/audit-export'
import { openStore, type Store } from './store/open-store'

/**
 * The session commands of `npx dock-claim`: the same engine and database as the app.
 * Exit codes: 0 everything ended claimed (or claimed earlier by this station), 1 something
 * failed or needs a person, 2 usage or configuration error.
 */

const CLAIM_USAGE = `usage: dock-claim claim --project <id> [options] <file|->

Claim every device/kit ID in <file> (one scanned payload per line; "-" = stdin) into a DT
project, through the same parser, preview and two-phase claim as the app.

  --project <id>        target project (bare ID)
  --org <id>            its organization (default: looked up from the project)
  --dry-run             preview and final dry-run only; nothing is claimed
  --db <file>           database (default: $DOCK_CLAIM_DB or ./dock-claim.db)
  --api-url <url>       DT API base (default ${DT_API_URL})
  --token-url <url>     DT token endpoint (default ${DT_TOKEN_URL})
  --operator <name>     recorded in the audit log (default: $USER or "cli")
  --reference <text>    PO / shipment / ASN reference
  --chunk-size <n>      devices per claim request (default 100)
  --json                machine-readable output

Credentials: DT_SERVICE_ACCOUNT_KEY_ID, DT_SERVICE_ACCOUNT_SECRET, DT_SERVICE_ACCOUNT_EMAIL
(or DT_CREDENTIALS_FILE). Exit code 0 = all claimed, 1 = something failed, 2 = usage error.`

const FAILED_STATES = new Set(['invalid', 'not_found', 'claimed_elsewhere', 'lookup_failed', 'pending', 'failed', 'unknown', 'sending'])

class UsageError extends Error {}

/** Minimal flag parser: `--flag value`, boolean flags, positionals. Unknown flags are errors. */
export function parseFlags(argv: string[], valued: readonly string[], booleans: readonly string[]): { flags: Map<string, string>; bools: Set<string>; positionals: string[] } {
  const flags = new Map<string, string>()
  const bools = new Set<string>()
  const positionals: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a === '-' || !a.startsWith('--')) {
      positionals.push(a)
      continue
    }
    const name = a.slice(2)
    if (booleans.includes(name)) bools.add(name)
    else if (valued.includes(name)) {
      const v = argv[++i]
      if (v === undefined) throw new UsageError(`${a} needs a value`)
      flags.set(name, v)
    } else throw new UsageError(`unknown option ${a.slice(0, 40)}`)
  }
  return { flags, bools, positionals }
}

function dbPath(flags: Map<string, string>): string {
  return resolve(flags.get('db') ?? process.env.DOCK_CLAIM_DB ?? 'dock-claim.db')
}

/** Read commands never create a database: a typo in --db must not look like an empty log. */
function withStore<T>(path: string, fn: (store: Store) => T): T {
  if (!existsSync(path)) throw new Error(`no database at ${path} (give --db or set DOCK_CLAIM_DB)`)
  const store = openStore({ path, station: hostname().slice(0, 64) || 'cli' })
  try {
    return fn(store)
  } finally {
    store.close()
  }
}

async function guard(usage: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run()
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    console.error(`dock-claim: ${message}`)
    if (err instanceof UsageError) console.error(`\n${usage}`)
    return 2
  }
}

function line(item: Item): string {
  const msg = item.result?.message ?? item.flags.map((f) => f.message).join(' | ')
  return `${item.state.padEnd(17)} ${item.kind.padEnd(7)} ${item.identifier}${msg ? `  ${msg}` : ''}`
}

function readInput(source: string): string[] {
  const text = source === '-' ? readFileSync(0, 'utf8') : readFileSync(resolve(source), 'utf8')
  return text.split(/\r?\n/).filter((l) => l.trim() !== '')
}

/** `dock-claim claim …` */
export async function runClaimCommand(argv: string[]): Promise<number> {
  return guard(CLAIM_USAGE, async () => {
    const { flags, bools, positionals } = parseFlags(argv, ['project', 'org', 'db', 'api-url', 'token-url', 'operator', 'reference', 'chunk-size'], ['dry-run', 'json', 'help'])
    if (bools.has('help')) {
      console.log(CLAIM_USAGE)
      return 0
    }
    const projectId = flags.get('project')
    if (!projectId) throw new UsageError('--project is required')
    if (positionals.length !== 1) throw new UsageError('give exactly one input file (or - for stdin)')
    const chunkSize = Number(flags.get('chunk-size') ?? 100)
    if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 1000) throw new UsageError('--chunk-size must be 1-1000')
    const creds = credentialsFromEnv(process.env)
    if (!creds) throw new Error('no DT credentials: set DT_SERVICE_ACCOUNT_KEY_ID, DT_SERVICE_ACCOUNT_SECRET and DT_SERVICE_ACCOUNT_EMAIL')
    const lines = readInput(positionals[0] ?? '-')
    const client = createDtClient({ credentials: creds.credentials, apiUrl: flags.get('api-url') ?? DT_API_URL, tokenUrl: flags.get('token-url') ?? creds.tokenUrl ?? DT_TOKEN_URL })
    const organizationId = flags.get('org') ?? (await projectOrg(client, projectId))
    const path = dbPath(flags)
    const store = openStore({ path, station: hostname().slice(0, 64) || 'cli' })
    const settings = createSettingsService(store.kv, new MemorySecretStore(), { ...defaultSettings(store.station, false), chunkSize })
    const service = createSessionService({ store, dt: async () => client, events: new EventBus(), settings, station: store.station, exportDir: join(dirname(path), 'exports'), clock: () => new Date(), beepError: () => {} })
    try {
      return await claimFlow(service, { projectId, organizationId, lines, dryRun: bools.has('dry-run'), json: bools.has('json'), operator: flags.get('operator') ?? process.env.USER ?? 'cli', reference: flags.get('reference') ?? null })
    } finally {
      await service.stop()
      store.close()
    }
  })
}

async function projectOrg(client: DtClient, projectId: string): Promise<string> {
  const p = (await client.listProjects()).find((x) => x.id === projectId)
  if (!p) throw new Error(`project ${projectId} is not visible to this service account (give --org to be explicit)`)
  return p.organizationId
}

async function claimFlow(service: SessionService, o: { projectId: string; organizationId: string; lines: string[]; dryRun: boolean; json: boolean; operator: string; reference: string | null }): Promise<number> {
  const h = service.handlers
  const ctx = { origin: 'test' as const }
  await service.start()
  await service.idle() // recovery of earlier runs first
  const session = await h['session.start']({ organizationId: o.organizationId, projectId: o.projectId, operator: o.operator.slice(0, 64), reference: o.reference }, ctx)
  const outcomes = o.lines.map((text) => service.submitScan({ sessionId: session.id, text, source: 'file', scannerId: null, aim: null, at: new Date() }))
  const notSaved = outcomes.filter((x) => x.outcome === 'error')
  await service.idle()
  const review: Review = await h['claim.review']({ sessionId: session.id }, ctx)
  let claimed = false
  if (!o.dryRun && review.blockedReason === null) {
    await h['claim.confirm']({ sessionId: session.id, reviewId: review.reviewId, deviceCount: review.deviceCount }, ctx)
    await service.idle()
    claimed = true
  } else {
    // Nothing was sent: pause the session so it never becomes the app's active scanning session.
    await h['session.pause']({ sessionId: session.id }, ctx)
  }
  const view: SessionView = await h['session.get']({ sessionId: session.id }, ctx)
  const failedItems = view.items.filter((i) => FAILED_STATES.has(i.state) || i.kit?.members.some((m) => FAILED_STATES.has(m.state) && m.state !== 'claimed_elsewhere'))
  const blocked = review.blockedReason !== null && review.blockedReason !== 'Nothing to claim.'
  const exitCode = failedItems.length > 0 || notSaved.length > 0 || (blocked && !claimed) ? 1 : 0
  if (o.json) {
    console.log(JSON.stringify({ dryRun: o.dryRun, claimed, session: view.session, review, items: view.items, notSaved, exitCode }, null, 2))
  } else {
    const s = view.session.summary
    console.log(`Session ${view.session.id}  project ${view.session.projectName} (${view.session.projectId})  ${o.dryRun ? 'DRY RUN' : claimed ? 'CLAIMED' : 'NOT CLAIMED'}`)
    console.log(`kits ${s.kits}  to claim ${s.devicesToClaim}  claimed ${s.claimed}  already claimed ${s.alreadyClaimed}  not found ${s.notFound}  invalid ${s.invalid}  duplicates ${s.duplicates}  failed ${s.failed}`)
    if (review.drift.length) for (const d of review.drift) console.log(`drift  ${d.identifier}  ${d.message}`)
    if (review.blockedReason) console.log(`not claimed: ${review.blockedReason}`)
    for (const i of [...view.items].reverse()) console.log(line(i))
    for (const n of notSaved) console.log(`NOT SAVED  ${n.display}  ${n.message}`)
  }
  return exitCode
}

const SESSIONS_USAGE = 'usage: dock-claim sessions [--db <file>] [--json]'

/** `dock-claim sessions` */
export async function runSessionsCommand(argv: string[]): Promise<number> {
  return guard(SESSIONS_USAGE, async () => {
    const { flags, bools } = parseFlags(argv, ['db'], ['json'])
    const rows = withStore(dbPath(flags), (store) => store.sessions.list())
    if (bools.has('json')) console.log(JSON.stringify(rows, null, 2))
    else for (const s of rows) console.log(`${s.id}  ${s.status.padEnd(10)} ${s.createdAt}  ${s.operator}  project ${s.projectName} (${s.projectId})${s.reference ? `  ref ${s.reference}` : ''}`)
    return 0
  })
}

const AUDIT_USAGE = `usage: dock-claim audit verify [--db <file>] [--json]
       dock-claim audit export [--db <file>] [--out-dir <dir>] [--session <id>] [--from <iso>] [--to <iso>]`

/** `dock-claim audit verify|export` */
export async function runAuditCommand(argv: string[]): Promise<number> {
  return guard(AUDIT_USAGE, async () => {
    const [sub, ...rest] = argv
    if (sub === 'verify') {
      const { flags, bools } = parseFlags(rest, ['db'], ['json'])
      const r = withStore(dbPath(flags), (store) => store.audit.verify())
      if (bools.has('json')) console.log(JSON.stringify(r))
      else console.log(r.ok ? `audit chain OK (${r.checked} rows, head ${r.headHash ?? '-'})` : `audit chain BROKEN at row ${r.firstBadSeq}: ${r.reason}`)
      return r.ok ? 0 : 1
    }
    if (sub === 'export') {
      const { flags } = parseFlags(rest, ['db', 'out-dir', 'session', 'from', 'to'], [])
      const path = dbPath(flags)
      const outDir = resolve(flags.get('out-dir') ?? join(dirname(path), 'exports'))
      const filter = { sessionId: flags.get('session'), from: flags.get('from'), to: flags.get('to') }
      const file = withStore(path, (store) => exportAuditCsv(store.audit, filter, { exportDir: outDir, now: new Date() }))
      console.log(file.path)
      return 0
    }
    throw new UsageError(sub ? `unknown audit command "${sub.slice(0, 20)}"` : 'give verify or export')
  })
}
