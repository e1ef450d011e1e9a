/**
 * Drops re-reads: a scanner held over a code reads it again and again. The same text from the same
 * scanner within `windowMs` of the previous read is dropped and counted. The window slides with
 * every read, so a code left in view is delivered once, not once every `windowMs`. Deliberate
 * re-scans (a duplicate a minute later) pass and are the session's business.
 */
export class ReReadFilter {
  private readonly last = new Map<string, { text: string; at: number }>()
  private readonly dropped = new Map<string, number>()

  constructor(private readonly windowMs = 1500) {}

  /** True when the scan should be delivered. */
  accept(scannerId: string, text: string, at: number): boolean {
    const prev = this.last.get(scannerId)
    this.last.set(scannerId, { text, at })
    if (prev && prev.text === text && at - prev.at >= 0 && at - prev.at < this.windowMs) {
      this.dropped.set(scannerId, this.droppedFor(scannerId) + 1)
      return false
    }
    return true
  }

  droppedFor(scannerId: string): number {
    return this.dropped.get(scannerId) ?? 0
  }

  /** Forget the last read of a scanner (e.g. after replug) but keep its dropped count. */
  forget(scannerId: string): void {
    this.last.delete(scannerId)
  }
}
