import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { DT_ID_PATTERN, EMULATED_DEVICE_ID_PATTERN } from '../ids'

const dtId = z.string().regex(DT_ID_PATTERN, 'must be a DT ID: 20 characters of 0-9a-v ending in 0 or g')
const deviceId = z
  .string()
  .refine((s) => DT_ID_PATTERN.test(s) || EMULATED_DEVICE_ID_PATTERN.test(s), 'must be a DT device ID (20 chars of 0-9a-v, or emu + 20)')

/**
 * The simulator's world, as a JSON seed file. IDs are bare (no `projects/` prefix).
 * Kit IDs are opaque (DT documents no format) but must be non-empty and URL-safe printable.
 */
export const seedSchema = z
  .object({
    organizations: z.array(z.object({ id: dtId, displayName: z.string().min(1) }).strict()).min(1),
    projects: z.array(
      z.object({ id: dtId, organization: dtId, displayName: z.string().min(1), inventory: z.boolean() }).strict()
    ),
    serviceAccounts: z.array(
      z
        .object({
          keyId: dtId,
          secret: z.string().min(8),
          email: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'must be an email address'),
          basicAuth: z.boolean(),
          organizations: z.array(dtId)
        })
        .strict()
    ),
    kits: z.array(
      z
        .object({
          kitId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 . _ -'),
          displayName: z.string().min(1),
          deviceIds: z.array(deviceId).min(1)
        })
        .strict()
    ),
    devices: z.array(
      z
        .object({
          deviceId,
          deviceType: z.string().min(1),
          productNumber: z.string(),
          claimedInto: dtId.nullable()
        })
        .strict()
    )
  })
  .strict()
  .superRefine((seed, ctx) => {
    const issue = (path: (string | number)[], message: string): void => ctx.addIssue({ code: 'custom', path, message })
    const orgs = new Set<string>()
    seed.organizations.forEach((o, i) => (orgs.has(o.id) ? issue(['organizations', i, 'id'], `duplicate organization ${o.id}`) : orgs.add(o.id)))
    const projects = new Set<string>()
    seed.projects.forEach((p, i) => {
      if (projects.has(p.id)) issue(['projects', i, 'id'], `duplicate project ${p.id}`)
      projects.add(p.id)
      if (!orgs.has(p.organization)) issue(['projects', i, 'organization'], `unknown organization ${p.organization}`)
    })
    const keys = new Set<string>()
    seed.serviceAccounts.forEach((sa, i) => {
      if (keys.has(sa.keyId)) issue(['serviceAccounts', i, 'keyId'], `duplicate key ${sa.keyId}`)
      keys.add(sa.keyId)
      sa.organizations.forEach((o, j) => {
        if (!orgs.has(o)) issue(['serviceAccounts', i, 'organizations', j], `unknown organization ${o}`)
      })
    })
    const devices = new Set<string>()
    seed.devices.forEach((d, i) => {
      if (devices.has(d.deviceId)) issue(['devices', i, 'deviceId'], `duplicate device ${d.deviceId}`)
      devices.add(d.deviceId)
      if (d.claimedInto !== null && !projects.has(d.claimedInto)) issue(['devices', i, 'claimedInto'], `unknown project ${d.claimedInto}`)
    })
    const kitIds = new Set<string>()
    const inKit = new Map<string, string>()
    seed.kits.forEach((k, i) => {
      if (kitIds.has(k.kitId)) issue(['kits', i, 'kitId'], `duplicate kit ${k.kitId}`)
      kitIds.add(k.kitId)
      k.deviceIds.forEach((d, j) => {
        if (!devices.has(d)) issue(['kits', i, 'deviceIds', j], `unknown device ${d}`)
        const other = inKit.get(d)
        if (other !== undefined) issue(['kits', i, 'deviceIds', j], `device ${d} is already in kit ${other}`)
        inKit.set(d, k.kitId)
      })
    })
    // A kit ID and a device ID share claimInfo's `identifier` parameter, so they must not collide.
    for (const k of kitIds) if (devices.has(k)) issue(['kits'], `kit ID ${k} is also a device ID`)
  })
export type Seed = z.infer<typeof seedSchema>

/** Validate a parsed seed; throws an Error listing every problem with its JSON path. */
export function parseSeed(raw: unknown, source = 'seed'): Seed {
  const parsed = seedSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  const lines = parsed.error.issues.slice(0, 20).map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
  const more = parsed.error.issues.length > 20 ? [`  … and ${parsed.error.issues.length - 20} more`] : []
  throw new Error([`invalid simulator seed (${source}):`, ...lines, ...more].join('\n'))
}

/** Read and validate a seed file. */
export function loadSeedFile(path: string): Seed {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new Error(`cannot read simulator seed ${path}: ${(err as Error).message}`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw new Error(`simulator seed ${path} is not valid JSON: ${(err as Error).message}`)
  }
  return parseSeed(raw, path)
}
