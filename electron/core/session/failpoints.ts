/**
 * Named failpoints for crash tests (reliability.md §7, R1), in the style of FreeBSD fail(9):
 * `FAILPOINTS=before_send=kill` SIGKILLs this process the first time `failpoint('before_send')`
 * runs; `name=kill@3` on the third time; several entries are separated by `;` or `,`.
 * With FAILPOINTS unset every call is a cheap no-op, so the hooks stay in production code.
 */

/** Every failpoint the engine calls; the crash tests iterate over this list. */
export const FAILPOINT_NAMES = [
  'after_scan_commit',
  'after_ready_commit',
  'before_send',
  'after_send_before_commit',
  'after_claimed_commit',
  'mid_reconcile'
] as const
export type FailpointName = (typeof FAILPOINT_NAMES)[number]

interface Rule {
  action: 'kill'
  at: number
  hits: number
}

let rules: Map<string, Rule> | null = null

function load(): Map<string, Rule> {
  const map = new Map<string, Rule>()
  const spec = process.env.FAILPOINTS ?? ''
  for (const part of spec.split(/[;,]/)) {
    const m = /^\s*([a-z_]+)=kill(?:@(\d+))?\s*$/.exec(part)
    if (m?.[1]) map.set(m[1], { action: 'kill', at: m[2] ? Number(m[2]) : 1, hits: 0 })
  }
  return map
}

/** Hit a failpoint. Kills the process (SIGKILL, no cleanup, like a power cut) when armed. */
export function failpoint(name: FailpointName): void {
  rules ??= load()
  if (rules.size === 0) return
  const rule = rules.get(name)
  if (!rule) return
  rule.hits++
  if (rule.hits === rule.at) process.kill(process.pid, 'SIGKILL')
}

/** Re-read FAILPOINTS (tests that change the env in-process). */
export function resetFailpoints(): void {
  rules = null
}
