/**
 * The single definition of what a DT ID looks like, for the payload parser (shared, both worlds)
 * and the simulator's seed validation (core).
 *
 * DT IDs are 20 characters of lowercase base32hex (`0-9a-v`); emulated devices put `emu` in front.
 * Every public example also ends in `0` or `g` (rs/xid encodes 96 bits in 20 chars, so the last
 * char carries only its top bit). That final-character rule is INFERRED, not documented by DT,
 * so it is deliberately NOT enforced by the payload parser (a real label must never be refused on
 * a guess); only the simulator's seed validation uses the strict patterns below.
 */

const BASE32HEX = '[0-9a-v]'

/** Device ID as the payload parser accepts it: 20 chars of `0-9a-v`, optionally after `emu`. */
export const DEVICE_ID_PATTERN = new RegExp(`^(?:emu)?${BASE32HEX}{20}$`)

/** Strict DT ID (org, project, device, SA key) with the inferred `0`/`g` last char; seeds only. */
export const DT_ID_PATTERN = new RegExp(`^${BASE32HEX}{19}[0g]$`)

/** Strict emulated device ID (`emu` + a strict DT ID); seeds only. */
export const EMULATED_DEVICE_ID_PATTERN = new RegExp(`^emu${BASE32HEX}{19}[0g]$`)
