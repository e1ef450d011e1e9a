import { z } from 'zod'
import { decodeSegments, fail, type RouteResult } from './api-routes'
import type { TokenStore } from './auth'
import type { FaultState } from './faults'
import type { SimRequestRecord, SimulatorStats } from './server'
import type { World } from './world'

interface ControlContext {
  world: World
  faults: FaultState
  tokens: TokenStore
  stats: SimulatorStats
  requests: SimRequestRecord[]
}

const ok = (body: unknown): RouteResult => ({ status: 200, body })

/**
 * The inspection/control API under /__sim/ (no auth: the simulator only listens on loopback).
 *   GET  /__sim/ledger          every applied claim {entries:[{seq,deviceId,projectId,kitId,at,requestId,keyId}]}
 *   GET  /__sim/stats           request counters (tokensIssued, rateLimited, resets, …)
 *   GET  /__sim/requests        the last 10,000 /v2 requests {requests:[{requestId,at,method,path,keyId,status}]}
 *   GET  /__sim/faults          current fault settings
 *   POST /__sim/faults          merge a JSON patch into the fault settings (validated)
 *   POST /__sim/faults/reset    clear every fault
 *   POST /__sim/tokens/expire   invalidate every issued access token
 *   GET  /__sim/devices/<id>    where a device stands {deviceId, deviceType, claimedInto, kitId}
 */
export function handleControl(method: string, path: string, text: string, ctx: ControlContext): RouteResult {
  const route = `${method} ${path.replace(/\/+$/, '')}`
  if (route === 'GET /__sim/ledger') return ok({ entries: ctx.world.ledger })
  if (route === 'GET /__sim/requests') return ok({ requests: ctx.requests })
  if (route === 'GET /__sim/stats') return ok({ ...ctx.stats, tokensIssued: ctx.tokens.issued })
  if (route === 'GET /__sim/faults') return ok(ctx.faults.faults)
  if (route === 'POST /__sim/faults/reset') return ok(ctx.faults.reset())
  if (route === 'POST /__sim/tokens/expire') {
    ctx.tokens.expireAll()
    return ok({})
  }
  if (route === 'POST /__sim/faults') {
    let patch: unknown
    try {
      patch = JSON.parse(text === '' ? '{}' : text)
    } catch {
      return fail(400, 'fault patch is not valid JSON')
    }
    try {
      return ok(ctx.faults.update(patch))
    } catch (err) {
      const msg = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : String(err)
      return fail(400, `invalid fault patch: ${msg}`)
    }
  }
  const m = /^GET \/__sim\/devices\/([^/]+)$/.exec(route)
  if (m) {
    const id = decodeSegments(m[1] ?? '')?.[0]
    if (id === undefined) return fail(400, 'malformed percent-encoding in the request path')
    const d = ctx.world.devices.get(id)
    if (!d) return fail(404, 'not found')
    return ok({ deviceId: d.deviceId, deviceType: d.deviceType, claimedInto: d.claimedInto, kitId: d.kitId })
  }
  return fail(404, 'not found')
}
