import { z } from 'zod'

/**
 * DT's JSON shapes as the client reads them (dt-api.md §2, §6). Objects are loose: DT adds
 * fields over time. Device types and per-item codes are open strings, never enums.
 */
const lastSegment = (prefix: string) =>
  z.string().transform((s, ctx) => {
    const m = new RegExp(`^${prefix}/([^/]+)$`).exec(s)
    if (!m?.[1]) {
      ctx.addIssue({ code: 'custom', message: `expected ${prefix}/<id>, got ${s}` })
      return z.NEVER
    }
    return m[1]
  })

export const claimDeviceSchema = z.looseObject({
  deviceId: z.string().min(1),
  deviceType: z.string(),
  // Empty in some claimInfo answers and absent on emulated devices.
  productNumber: z.string().optional().default(''),
  isClaimed: z.boolean()
})

const countSchema = z.looseObject({ totalCount: z.number().int(), claimedCount: z.number().int() })

export const claimInfoSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('KIT'),
    kit: z.looseObject({
      kitId: z.string().min(1),
      displayName: z.string().default(''),
      sensors: countSchema.nullable().optional(),
      cloudConnectors: countSchema.nullable().optional(),
      devices: z.array(claimDeviceSchema)
    })
  }),
  z.looseObject({ type: z.literal('DEVICE'), device: claimDeviceSchema })
])

// Python tells a device error from a kit error by which ID key is present, not by the list.
const itemErrorSchema = z
  .looseObject({
    deviceId: z.string().optional(),
    kitId: z.string().optional(),
    code: z.union([z.string(), z.number()]).transform(String),
    message: z.string().optional().default('')
  })
  .refine((e) => e.deviceId !== undefined || e.kitId !== undefined, 'claim error without deviceId or kitId')

export const claimResponseSchema = z.looseObject({
  claimedDevices: z.array(claimDeviceSchema),
  claimErrors: z.looseObject({
    devices: z.array(itemErrorSchema).optional().default([]),
    kits: z.array(itemErrorSchema).optional().default([])
  })
})

export const organizationSchema = z.looseObject({ name: lastSegment('organizations'), displayName: z.string() })

export const projectSchema = z.looseObject({
  name: lastSegment('projects'),
  displayName: z.string(),
  organization: lastSegment('organizations'),
  inventory: z.boolean().optional().default(false)
})

export const deviceSchema = z.looseObject({
  name: z.string().transform((s, ctx) => {
    const m = /^projects\/([^/]+)\/devices\/([^/]+)$/.exec(s)
    if (!m?.[1] || !m[2]) {
      ctx.addIssue({ code: 'custom', message: `expected projects/<p>/devices/<d>, got ${s}` })
      return z.NEVER
    }
    return { projectId: m[1], deviceId: m[2] }
  }),
  type: z.string(),
  productNumber: z.string().optional().default('')
})

/** The paging part of a DT list answer; "" or absent on the last page. */
export const pageInfoSchema = z.looseObject({ nextPageToken: z.string().optional().default('') })
