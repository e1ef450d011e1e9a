import type { Page } from '@playwright/test'
import type { FakeHidDevice } from '../../../electron/core/scanners/fake-hid'
import { hidPosReports } from '../../unit/scanners/hid-pos-fixtures'

/**
 * Scan `text` with the fake HID POS scanner: the input reports a Honeywell Voyager sends, in the
 * layout of the recorded capture (test/fixtures/hid/honeywell-voyager-1602g-revinf.json; the
 * builder is checked byte for byte against that recording in hid-pos-assembler.test.ts).
 */
export function scanHid(device: FakeHidDevice, text: string): void {
  for (const report of hidPosReports(text, { aim: ']Q1' })) device.feed(report)
}

/** Seed facts the flow relies on (resources/training-seed.json, the core's training warehouse). */
export const SEED = {
  orgName: 'Nordlys Logistics AS',
  projectName: 'Oslo Warehouse – Receiving',
  /** 25 sensors + 1 cloud connector, all unclaimed. */
  completeKit: 'nl-25-temp-0001',
  /** 9 of its 26 devices are claimed into "Drammen Cold Store". */
  partialKit: 'nl-25-hum-0006',
  looseDevice: '0kersi0i0eqvrusr0ts0',
  otherLooseDevice: 'hmds249f4ghj4gr9hg9g',
  /** Loose device claimed into a project of another organization. */
  claimedElsewhere: 'uqrgmc1bobls8ql691tg',
  /** Valid device-ID shape, unknown to DT. */
  unknownDevice: 'vvvvvvvvvvvvvvvvvvvv'
} as const

/** Wait until the big last-scan panel shows this code. */
export async function waitForLastScan(page: Page, code: string): Promise<void> {
  await page.getByRole('region', { name: 'Last scan' }).filter({ hasText: code }).waitFor()
}
