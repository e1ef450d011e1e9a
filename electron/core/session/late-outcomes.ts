import type { EngineContext } from './engine-context'
import type { SessionModel } from './session-model'

/**
 * A lookup that comes back with a problem gets its own outcome (sound + flash) so an operator
 * who has moved on still hears "not found" / "already claimed" / "partial kit" for that item.
 * Only for items scanned in the last minute; older ones just update the preview.
 */
export function lateOutcomes(ctx: EngineContext, m: SessionModel, keys: readonly string[]): void {
  if (keys.length === 0) return
  const byId = new Map(m.preview().items.map((i) => [i.id, i]))
  const cutoff = ctx.deps.clock().getTime() - 60_000
  for (const key of keys) {
    const row = m.items.get(key)
    const item = row ? byId.get(row.id) : undefined
    if (!item || Date.parse(item.scannedAt) < cutoff) continue
    const flag = (code: string) => item.flags.find((f) => f.code === code)
    const pick =
      item.state === 'not_found'
        ? (['not_found', flag('not_found')] as const)
        : item.state === 'claimed_elsewhere'
          ? (['already_claimed', flag('already_claimed_elsewhere')] as const)
          : flag('partial_kit')
            ? (['partial_kit', flag('partial_kit')] as const)
            : null
    if (!pick) continue
    const [outcome, f] = pick
    ctx.deps.events.emit('scan.outcome', {
      sessionId: m.session.id,
      at: ctx.now(),
      source: item.source,
      scannerId: item.scannerId,
      display: item.identifier,
      outcome,
      message: f?.message ?? outcome,
      guidance: f?.guidance ?? [],
      itemId: item.id,
      durable: true
    })
    if (item.source === 'hid' && item.scannerId && outcome !== 'partial_kit') ctx.deps.beepError(item.scannerId)
  }
}
