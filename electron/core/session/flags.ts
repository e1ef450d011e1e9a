import type { Flag } from '../../../shared/contract'
import { ALREADY_CLAIMED_GUIDANCE, NOT_FOUND_GUIDANCE } from '../../../shared/guidance'

/**
 * Every preview flag with its operator wording, in one place so the UI, the CLI and the exports
 * say the same thing.
 */

export function duplicateFlag(extraScans: number, elsewhereSession: string | null): Flag {
  const where = elsewhereSession ? ` (also scanned in an earlier session)` : ''
  const times = extraScans > 0 ? `Scanned ${extraScans + 1} times${where}; it counts once.` : `Already scanned${where}.`
  return { code: 'duplicate', message: times, guidance: ['Nothing to do: it is claimed only once.'] }
}

export function coveredByKitFlag(kitId: string): Flag {
  return {
    code: 'covered_by_kit',
    message: `Belongs to kit ${kitId}, which is also in this session: it is claimed once, with the kit.`,
    guidance: []
  }
}

export function mergedIntoKitFlag(deviceIds: readonly string[]): Flag {
  return {
    code: 'merged_into_kit',
    message: `${deviceIds.length} device(s) scanned before this kit belong to it and were merged into it: ${deviceIds.join(', ')}.`,
    guidance: []
  }
}

export function partialKitFlag(claimed: number, total: number, remaining: number): Flag {
  return {
    code: 'partial_kit',
    message: `${claimed} of ${total} devices of this kit were claimed earlier. Only the remaining ${remaining} will be claimed, as single devices.`,
    guidance: [
      'DT claims a kit only as a whole; the dock sends the unclaimed devices one by one instead.',
      'Devices claimed earlier are listed on the kit card.'
    ]
  }
}

export function claimedHereFlag(count: number): Flag {
  return {
    code: 'already_claimed_here',
    message: count === 1 ? 'Claimed earlier by this station: done.' : `${count} devices were claimed earlier by this station: done.`,
    guidance: []
  }
}

/**
 * The ready-to-send note for DT Support / the other organization's admin (DT moves devices
 * only when both admins confirm with the device list).
 */
export function transferNote(ids: readonly string[], context: { projectId: string; projectName?: string; reference: string | null }): string {
  const ref = context.reference ? `, reference ${context.reference}` : ''
  const project = context.projectName ? `"${context.projectName}" (${context.projectId})` : context.projectId
  return `Transfer request: please move ${ids.length} device(s) into project ${project}${ref}. IDs: ${ids.join(', ')}`
}

export function claimedElsewhereFlag(ids: readonly string[], context: { projectId: string; projectName?: string; reference: string | null }): Flag {
  return {
    code: 'already_claimed_elsewhere',
    message: `Already claimed by someone else (${ids.length} device(s)). ${transferNote(ids, context)}`,
    guidance: [...ALREADY_CLAIMED_GUIDANCE]
  }
}

export function notFoundFlag(kind: 'kit' | 'device'): Flag {
  return { code: 'not_found', message: `DT does not know this ${kind} ID.`, guidance: [...NOT_FOUND_GUIDANCE] }
}

export function invalidFlag(reason: string): Flag {
  return { code: 'invalid', message: reason, guidance: ['Scan the QR code on the DT label, or use the control sheet for commands.'] }
}

export function lookupPendingFlag(): Flag {
  return {
    code: 'lookup_pending',
    message: 'Waiting for DT to confirm this ID. The scan is saved.',
    guidance: ['Claiming stays disabled until every item is checked; it continues by itself when DT answers.']
  }
}

export function lookupFailedFlag(lastError: string, attempts: number): Flag {
  return {
    code: 'lookup_failed',
    message: `DT could not be asked (${attempts} attempt(s)): ${lastError}. Retrying in the background.`,
    guidance: ['The scan is saved. Check the network if this stays red.']
  }
}

export function driftFlag(message: string): Flag {
  return { code: 'drift', message, guidance: ['It changed at DT after it was scanned; it is left out of the claim.', ...ALREADY_CLAIMED_GUIDANCE] }
}

export function claimErrorFlag(code: string | null, message: string, guidance: readonly string[]): Flag {
  return { code: 'claim_error', message: code ? `${code}: ${message}` : message, guidance: [...guidance] }
}

export function unexpectedFlag(): Flag {
  return { code: 'unexpected', message: 'Not in the imported shipment manifest.', guidance: ['Check that this box belongs to this shipment.'] }
}
