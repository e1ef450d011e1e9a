import { z } from 'zod'
import { event, invoke } from './define'

const id = z.string().min(1).max(64)

/** Lifecycle of a receiving session (one pallet or shipment). */
export const sessionStatusSchema = z.enum(['open', 'paused', 'committing', 'done'])

/** Counts for the summary bar. */
export const sessionSummarySchema = z.object({
  kits: z.number().int(),
  /** Devices that a claim would send (kit members still unclaimed + loose devices). */
  devicesToClaim: z.number().int(),
  alreadyClaimed: z.number().int(),
  notFound: z.number().int(),
  duplicates: z.number().int(),
  pending: z.number().int(),
  invalid: z.number().int(),
  claimed: z.number().int(),
  failed: z.number().int()
})
export type SessionSummary = z.infer<typeof sessionSummarySchema>

/** A receiving session. Organization and project are fixed at start. */
export const sessionSchema = z.object({
  id,
  organizationId: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  operator: z.string(),
  station: z.string(),
  reference: z.string().nullable(),
  status: sessionStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  summary: sessionSummarySchema
})
export type Session = z.infer<typeof sessionSchema>

/**
 * Where an item (or a kit member) stands. `pending`/`lookup_failed` block claiming;
 * `claimed_here` = claimed earlier by this station (from the audit log), shown as done.
 */
export const itemStateSchema = z.enum([
  'pending',
  'lookup_failed',
  'to_claim',
  'covered', // a device also covered by a kit in this session: sent once, with the kit
  'claimed_here',
  'claimed_elsewhere',
  'not_found',
  'invalid',
  'sending',
  'unknown', // a claim outcome is ambiguous and is being reconciled
  'claimed',
  'failed'
])
export type ItemState = z.infer<typeof itemStateSchema>

/** Why an item needs attention, with DT's guidance lines for the operator. */
export const flagSchema = z.object({
  code: z.enum([
    'duplicate',
    'covered_by_kit',
    'merged_into_kit',
    'partial_kit',
    'already_claimed_here',
    'already_claimed_elsewhere',
    'not_found',
    'invalid',
    'lookup_pending',
    'lookup_failed',
    'drift',
    'claim_error',
    'unexpected' // not in the imported manifest
  ]),
  message: z.string(),
  guidance: z.array(z.string())
})
export type Flag = z.infer<typeof flagSchema>

/** One device of a kit card. */
export const kitMemberSchema = z.object({
  deviceId: z.string(),
  deviceType: z.string(),
  productNumber: z.string(),
  state: itemStateSchema
})

/** One row of the preview: a kit card, a loose device, or a problem. */
export const itemSchema = z.object({
  id,
  kind: z.enum(['kit', 'device', 'problem']),
  /** Kit ID, device ID, or for problems the scanned text (shown as inert text). */
  identifier: z.string(),
  state: itemStateSchema,
  flags: z.array(flagSchema),
  scannedAt: z.string(),
  source: z.enum(['hid', 'wedge', 'manual', 'file']),
  scannerId: z.string().nullable(),
  kit: z
    .object({
      displayName: z.string(),
      /** 25 or 100 for DT boxes; whatever DT reports otherwise. */
      total: z.number().int(),
      claimedCount: z.number().int(),
      sensors: z.number().int(),
      cloudConnectors: z.number().int(),
      members: z.array(kitMemberSchema)
    })
    .nullable(),
  device: z
    .object({ deviceType: z.string(), productNumber: z.string(), kitId: z.string().nullable() })
    .nullable(),
  /** Claim result for this item once a batch ran. */
  result: z.object({ code: z.string().nullable(), message: z.string() }).nullable()
})
export type Item = z.infer<typeof itemSchema>

/** A session with all its items, newest first; problems are sorted on top by the UI. */
export const sessionViewSchema = z.object({ session: sessionSchema, items: z.array(itemSchema) })
export type SessionView = z.infer<typeof sessionViewSchema>

/** What a scan led to; drives the big "last scan" panel, the sound and the flash. */
export const scanOutcomeSchema = z.object({
  sessionId: z.string().nullable(),
  at: z.string(),
  source: z.enum(['hid', 'wedge', 'manual', 'file']),
  scannerId: z.string().nullable(),
  /** The payload as text, capped; rendered inert. */
  display: z.string(),
  outcome: z.enum([
    'ok',
    'duplicate',
    'already_claimed',
    'not_found',
    'partial_kit',
    'invalid',
    'pending', // durable, lookup not back yet (offline)
    'held', // refused: error hold is on until acknowledged
    'control', // a control barcode did something
    'error' // storage or internal failure: NOT acknowledged
  ]),
  message: z.string(),
  guidance: z.array(z.string()),
  itemId: z.string().nullable(),
  /** Only true after the SQLite commit returned: the only time the UI may beep OK. */
  durable: z.boolean()
})
export type ScanOutcome = z.infer<typeof scanOutcomeSchema>

/** The result of the final dry-run ("drift check") before claiming. */
export const reviewSchema = z.object({
  reviewId: id,
  sessionId: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  organizationId: z.string(),
  /** Devices that will be claimed (kits expanded). */
  deviceCount: z.number().int(),
  kitCount: z.number().int(),
  /** Items whose status changed since they were scanned, e.g. claimed by someone else meanwhile. */
  drift: z.array(z.object({ identifier: z.string(), message: z.string() })),
  /** Why claiming cannot start (pending lookups, nothing to claim, batch unfinished). */
  blockedReason: z.string().nullable()
})
export type Review = z.infer<typeof reviewSchema>

/** State of a claim batch (persisted state machine). */
export const batchStateSchema = z.enum([
  'ready',
  'sending',
  'reconciling',
  'done',
  'cancelled',
  'failed' // stopped: needs a person (e.g. DT unreachable after retries)
])

/** Claim progress, pushed after every chunk. */
export const claimProgressSchema = z.object({
  sessionId: z.string(),
  batchId: z.string(),
  state: batchStateSchema,
  chunksDone: z.number().int(),
  chunksTotal: z.number().int(),
  devicesDone: z.number().int(),
  devicesTotal: z.number().int(),
  claimed: z.number().int(),
  failed: z.number().int(),
  etaMs: z.number().nullable(),
  message: z.string().nullable()
})
export type ClaimProgress = z.infer<typeof claimProgressSchema>

/** Expected vs scanned after importing a manifest. */
export const manifestViewSchema = z.object({
  expected: z.number().int(),
  scanned: z.number().int(),
  missing: z.array(z.object({ kitId: z.string(), expectedDevices: z.number().int().nullable() })),
  extra: z.array(z.string()),
  countMismatch: z.array(z.object({ kitId: z.string(), expected: z.number().int(), actual: z.number().int() }))
})
export type ManifestView = z.infer<typeof manifestViewSchema>

/** A file the app wrote (name built by the app, never from scanned text) and its content. */
export const exportFileSchema = z.object({ fileName: z.string(), path: z.string(), content: z.string() })

const bySession = z.object({ sessionId: id }).strict()

export const sessionChannels = {
  'session.list': invoke(z.object({}).strict(), z.array(sessionSchema), 'All sessions, newest first.'),
  'session.start': invoke(
    z
      .object({
        organizationId: id,
        projectId: id,
        operator: z.string().trim().min(1).max(64),
        reference: z.string().trim().max(128).nullable()
      })
      .strict(),
    sessionSchema,
    'Start a receiving session; organization and project are fixed from here on.'
  ),
  'session.get': invoke(bySession, sessionViewSchema, 'A session and its preview items.'),
  'session.pause': invoke(bySession, sessionSchema, 'Pause (e.g. end of shift); scans are refused until resumed.'),
  'session.resume': invoke(bySession, sessionSchema, 'Resume a paused session and make it the active one.'),
  'session.submitScan': invoke(
    z.object({ sessionId: id, payload: z.string().max(4096), source: z.enum(['wedge', 'manual']) }).strict(),
    scanOutcomeSchema,
    'A scan from the keyboard wedge or the manual field; answered after the SQLite commit.'
  ),
  'session.removeItem': invoke(
    z.object({ sessionId: id, itemId: id }).strict(),
    sessionViewSchema,
    'Remove one item from the preview (audited).'
  ),
  'session.undoLast': invoke(bySession, sessionViewSchema, 'Remove the most recent scan (audited).'),
  'session.ackHold': invoke(bySession, z.object({ held: z.boolean() }), 'Acknowledge a problem scan; lifts the error hold.'),
  'session.importManifest': invoke(
    z.object({ sessionId: id, text: z.string().max(2_000_000) }).strict(),
    manifestViewSchema,
    'Import an expected-shipment manifest (CSV or one kit ID per line).'
  ),
  'session.manifest': invoke(bySession, manifestViewSchema.nullable(), 'Expected / scanned / missing / extra.'),
  'claim.review': invoke(bySession, reviewSchema, 'Final dry-run of exactly what will be sent; shows drift.'),
  'claim.confirm': invoke(
    z.object({ sessionId: id, reviewId: id, deviceCount: z.number().int().min(0) }).strict(),
    claimProgressSchema,
    'Start the claim that was reviewed. Main builds the request from database rows only.'
  ),
  'claim.cancel': invoke(bySession, claimProgressSchema.nullable(), 'Stop after the chunk in flight.'),
  'claim.retryFailed': invoke(bySession, reviewSchema, 'Review a new batch with only the failed items.'),
  'claim.progress': invoke(bySession, claimProgressSchema.nullable(), 'Latest progress of the session batch.'),
  'export.results': invoke(bySession, exportFileSchema, 'Per-item results as CSV (cells neutralized).'),
  'export.receipt': invoke(bySession, exportFileSchema, 'A printable HTML receipt of the pallet.')
} as const

export const sessionEvents = {
  'scan.outcome': event(scanOutcomeSchema, 'A scan was processed (any source); play its sound.'),
  'session.changed': event(
    z.object({ session: sessionSchema, upserts: z.array(itemSchema), removed: z.array(z.string()) }),
    'Items changed (lookup came back, item removed, claim result).'
  ),
  'claim.progress': event(claimProgressSchema, 'Claim batch progress after every chunk.'),
  'control.command': event(
    z.object({ sessionId: z.string().nullable(), command: z.enum(['commit', 'cancel', 'pause', 'undo', 'remove_next', 'ack']) }),
    'A control barcode was scanned. COMMIT only opens the confirmation.'
  )
} as const
