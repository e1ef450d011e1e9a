import { z } from 'zod'
import { event, invoke } from './define'

/** Facts about the running app the UI shows (training banner, station, DT host). */
export const appInfoSchema = z.object({
  version: z.string(),
  /** True when the built-in DT simulator stands in for DT (no account needed). */
  trainingMode: z.boolean(),
  station: z.string(),
  apiUrl: z.string(),
  /** 'electron' in the app, 'browser' in the browser harness. */
  shell: z.enum(['electron', 'browser', 'test']),
  /** The audit log's hash chain as checked when the app started; a broken chain is shown on every screen. */
  auditChain: z.object({
    ok: z.boolean(),
    checked: z.number().int(),
    firstBadSeq: z.number().int().nullable(),
    reason: z.string().nullable()
  })
})
export type AppInfo = z.infer<typeof appInfoSchema>

/** Sound and visual feedback preferences (the renderer plays them). */
export const feedbackSettingsSchema = z.object({
  soundEnabled: z.boolean(),
  volume: z.number().min(0).max(1),
  flash: z.boolean(),
  /** After a problem scan, refuse further scans until the operator acknowledges. */
  errorHold: z.boolean()
})

/** Keyboard-wedge capture tuning (scanners left in keyboard mode). */
export const wedgeSettingsSchema = z.object({
  enabled: z.boolean(),
  /** Max gap between two keystrokes of one scan, in ms. */
  maxGapMs: z.number().int().min(5).max(200),
  /** Shortest burst that counts as a scan. */
  minLength: z.number().int().min(2).max(64)
})

/** Where duplicates are looked for: this session only, or every session in the audit log. */
export const duplicatePolicySchema = z.enum(['session', 'ever'])

/** Station settings. The DT secret is never part of this object. */
export const settingsSchema = z.object({
  station: z.string().min(1).max(64),
  trainingMode: z.boolean(),
  apiUrl: z.string().url(),
  tokenUrl: z.string().url(),
  /** True once a supervisor stored service-account credentials (secret stays in main). */
  hasCredentials: z.boolean(),
  credentialsEmail: z.string().nullable(),
  feedback: feedbackSettingsSchema,
  wedge: wedgeSettingsSchema,
  duplicatePolicy: duplicatePolicySchema,
  /** Devices per claim request (a "too large" answer halves it automatically). */
  chunkSize: z.number().int().min(1).max(1000),
  /** Last project picked per organization, remembered per station. */
  lastProject: z.record(z.string(), z.string())
})
export type Settings = z.infer<typeof settingsSchema>

/** A partial settings update; fields not given stay as they are. */
export const settingsUpdateSchema = settingsSchema
  .omit({ hasCredentials: true, credentialsEmail: true })
  .extend({ feedback: feedbackSettingsSchema.partial(), wedge: wedgeSettingsSchema.partial() })
  .partial()

/** Service-account credentials as a supervisor types them once. */
export const credentialsInputSchema = z.object({
  keyId: z.string().trim().min(1).max(64),
  secret: z.string().min(1).max(256),
  email: z.string().trim().min(3).max(256)
})

/** A DT organization, by bare id. */
export const organizationSchema = z.object({ id: z.string(), displayName: z.string() })
export type Organization = z.infer<typeof organizationSchema>

/** A DT project, by bare id. */
export const projectSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  organizationId: z.string(),
  inventory: z.boolean()
})
export type Project = z.infer<typeof projectSchema>

const empty = z.object({}).strict()

export const appChannels = {
  'app.info': invoke(empty, appInfoSchema, 'What is running: version, training mode, station, DT host.'),
  'settings.get': invoke(empty, settingsSchema, 'Current station settings (never the secret).'),
  'settings.update': invoke(settingsUpdateSchema, settingsSchema, 'Change settings; returns the new settings.'),
  'settings.setCredentials': invoke(
    credentialsInputSchema,
    settingsSchema,
    'Store DT service-account credentials with safeStorage in main; the secret never comes back.'
  ),
  'settings.clearCredentials': invoke(empty, settingsSchema, 'Forget stored DT credentials.'),
  'dt.organizations': invoke(empty, z.array(organizationSchema), 'Organizations the service account can see.'),
  'dt.projects': invoke(
    z.object({ organizationId: z.string().min(1).max(64) }).strict(),
    z.array(projectSchema),
    'Projects of one organization.'
  )
} as const

export const appEvents = {
  'settings.changed': event(settingsSchema, 'Settings changed (in this window or another).'),
  'storage.error': event(
    z.object({ message: z.string() }),
    'SQLite failed: nothing is acknowledged until it is fixed; the UI shows a red storage error.'
  )
} as const
