/**
 * Canonical JSON: object keys sorted (code-unit order), no whitespace, undefined members
 * dropped, non-finite numbers as null (as JSON.stringify does). The audit hash covers this text,
 * so the same value always hashes the same whatever order its keys were built in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value, 0)) ?? 'null'
}

function normalize(value: unknown, depth: number): unknown {
  if (depth > 64) throw new Error('canonicalJson: value nested too deeply')
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'undefined' || typeof value === 'function' || typeof value === 'symbol') return undefined
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (Array.isArray(value)) return value.map((v) => normalize(v, depth + 1) ?? null)
  if (value instanceof Map) return normalize(Object.fromEntries(value), depth)
  if (value instanceof Set) return normalize([...value], depth)
  if (value instanceof Error) return { name: value.name, message: value.message }
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value as object).sort()) {
    const v = normalize((value as Record<string, unknown>)[key], depth + 1)
    if (v !== undefined) out[key] = v
  }
  return out
}
