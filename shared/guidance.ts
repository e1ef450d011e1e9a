/**
 * DT's own guidance for the two per-item errors an operator meets, worded for the dock.
 * One source for the UI, the CLI and CSV exports.
 */
export const ALREADY_CLAIMED_GUIDANCE: readonly string[] = [
  'It may already be in your organization: find it in DT Studio with Identify Device.',
  'If it is in another organization it can be moved into yours (Move Devices); the subscription billing moves with it.',
  'Otherwise contact DT Support with the device or kit ID.'
]

export const NOT_FOUND_GUIDANCE: readonly string[] = [
  'If the ID was typed by hand, check it for typos.',
  'Otherwise contact DT Support with the device or kit ID.'
]
