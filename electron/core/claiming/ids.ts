import { createHash } from 'node:crypto'
import { DT_ID_PATTERN, EMULATED_DEVICE_ID_PATTERN } from '../../../shared/payload/ids'

// The patterns live in shared/payload/ids.ts (one definition for the parser and the simulator).
export { DT_ID_PATTERN, EMULATED_DEVICE_ID_PATTERN }

/** True for a DT-style ID (org, project, device, SA key). */
export function isDtId(value: string): boolean {
  return DT_ID_PATTERN.test(value)
}

/** True for a device ID DT could issue: a DT ID or an emulated one. */
export function isDeviceId(value: string): boolean {
  return DT_ID_PATTERN.test(value) || EMULATED_DEVICE_ID_PATTERN.test(value)
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuv'

/**
 * A deterministic DT-style ID for `(namespace, n)`: the same inputs always give the same ID,
 * so seeds (and the large benchmark seed) are reproducible without storing a generator state.
 */
export function deterministicDtId(namespace: string, n: number): string {
  const digest = createHash('sha256').update(`${namespace}:${n}`).digest()
  let id = ''
  for (let i = 0; i < 19; i++) id += ALPHABET[(digest[i] ?? 0) & 31]
  return id + ((digest[19] ?? 0) & 1 ? 'g' : '0')
}
