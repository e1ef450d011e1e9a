import { parse } from 'csv-parse/sync'
import { DockError, type ManifestView } from '../../../shared/contract'
import { parsePayload } from '../../../shared/payload'

/** One expected box of an imported shipment manifest. */
export interface ManifestEntry {
  kitId: string
  expectedDevices: number | null
}

const KIT_HEADERS = ['kit', 'kitid', 'kit_id', 'kit id', 'box', 'identifier', 'id']
const COUNT_HEADERS = ['count', 'devices', 'expected', 'quantity', 'qty', 'expected_devices', 'device_count']

/**
 * Parse a manifest: CSV (with or without a header; kit ID first, optional expected device count
 * second) or plain text with one kit ID per line. Blank lines and `#` comments are skipped.
 * Every kit ID goes through the same payload parser as a scan, so a manifest can hold the QR
 * payloads themselves. Any bad line is an error naming its line number: importing half a
 * manifest would make "missing" wrong.
 */
export function parseManifest(text: string): ManifestEntry[] {
  const delimiter = [',', ';', '\t'].find((d) => text.includes(d))
  let rows: string[][]
  try {
    rows = delimiter
      ? (parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][])
      : text.split(/\r?\n/).map((l) => [l.trim()])
  } catch (err) {
    throw new DockError('invalid_input', `Manifest is not valid CSV: ${err instanceof Error ? err.message : String(err)}`)
  }
  let kitCol = 0
  let countCol: number | null = delimiter ? 1 : null
  const header = rows[0]?.map((c) => c.toLowerCase())
  const headerKit = header?.findIndex((c) => KIT_HEADERS.includes(c)) ?? -1
  let start = 0
  if (header && headerKit >= 0) {
    kitCol = headerKit
    const hc = header.findIndex((c) => COUNT_HEADERS.includes(c))
    countCol = hc >= 0 ? hc : null
    start = 1
  }
  const entries: ManifestEntry[] = []
  const seen = new Set<string>()
  for (let i = start; i < rows.length; i++) {
    const row = rows[i] ?? []
    const cell = (row[kitCol] ?? '').trim()
    if (cell === '' || cell.startsWith('#')) continue
    const parsed = parsePayload(cell)
    if (!parsed.ok || parsed.kind === 'control') {
      const why = parsed.ok ? 'a control barcode' : parsed.reason
      throw new DockError('invalid_input', `Manifest line ${i + 1}: "${parsed.display}" is not a kit ID (${why}).`)
    }
    const countText = countCol === null ? '' : (row[countCol] ?? '').trim()
    let expectedDevices: number | null = null
    if (countText !== '') {
      if (!/^\d{1,6}$/.test(countText)) throw new DockError('invalid_input', `Manifest line ${i + 1}: expected device count "${countText.slice(0, 20)}" is not a whole number.`)
      expectedDevices = Number(countText)
    }
    if (seen.has(parsed.id)) throw new DockError('invalid_input', `Manifest line ${i + 1}: kit ${parsed.id} is listed twice.`)
    seen.add(parsed.id)
    entries.push({ kitId: parsed.id, expectedDevices })
  }
  if (entries.length === 0) throw new DockError('invalid_input', 'Manifest holds no kit IDs.')
  return entries
}

/**
 * Expected vs scanned. `scannedKits` maps each kit in the session to its member count when DT
 * answered (null while the lookup is pending, so no false mismatch is shown).
 */
export function compareManifest(entries: readonly ManifestEntry[], scannedKits: ReadonlyMap<string, number | null>): ManifestView {
  const expectedIds = new Set(entries.map((e) => e.kitId))
  const view: ManifestView = { expected: entries.length, scanned: 0, missing: [], extra: [], countMismatch: [] }
  for (const e of entries) {
    if (!scannedKits.has(e.kitId)) {
      view.missing.push({ kitId: e.kitId, expectedDevices: e.expectedDevices })
      continue
    }
    view.scanned++
    const actual = scannedKits.get(e.kitId)
    if (e.expectedDevices !== null && actual !== null && actual !== undefined && actual !== e.expectedDevices)
      view.countMismatch.push({ kitId: e.kitId, expected: e.expectedDevices, actual })
  }
  for (const kitId of scannedKits.keys()) if (!expectedIds.has(kitId)) view.extra.push(kitId)
  return view
}
