import { escapeForDisplay } from '../../../shared/payload'
import { isHidPosScanner, type HidBackend, type HidDeviceInfo } from './hid-types'
import { createNodeHidBackend } from './node-hid-backend'
import * as hints from './scanner-hints'
import { ScannerService, type ScanEvent, type ServiceClock } from './scanner-service'

/** Injected parts, so tests run the command against the fake backend and capture its output. */
export interface ScannersCliDeps {
  backend?: HidBackend
  out?: (line: string) => void
  err?: (line: string) => void
  /** Ends `--listen` (default: Ctrl-C / SIGTERM). */
  signal?: AbortSignal
  clock?: ServiceClock
  platform?: string
}

const USAGE = `usage: dock-claim scanners [--listen] [--raw] [--json]

  (no option)  list every HID device node-hid sees and mark USB HID POS scanners
  --json       the same list as JSON
  --listen     open every HID POS scanner and print each decoded scan live (Ctrl-C to stop)
  --raw        with --listen: also print the raw report bytes (hex)
  --keyboard   with --listen, Linux only: also read scanners left in keyboard mode (raw keyboard
               reports through hidraw; their keystrokes still reach the terminal as well)`

/**
 * `npx dock-claim scanners`: the first thing a technician runs at a new desk. Lists what node-hid
 * sees (the HID POS scanners the app will read are marked) or, with --listen, prints every scan
 * exactly as the app would receive it, with the parser's verdict.
 */
export async function runScannersCommand(argv: string[], deps: ScannersCliDeps = {}): Promise<number> {
  const out = deps.out ?? ((l: string) => console.log(l))
  const err = deps.err ?? ((l: string) => console.error(l))
  const unknown = argv.filter((a) => !['--listen', '--raw', '--json', '--keyboard', '--help', '-h'].includes(a))
  if (argv.includes('--help') || argv.includes('-h')) {
    out(USAGE)
    return 0
  }
  if (unknown.length > 0) {
    err(`dock-claim scanners: unknown option ${unknown.join(' ')}\n\n${USAGE}`)
    return 2
  }
  const backend = deps.backend ?? createNodeHidBackend()
  if (argv.includes('--listen')) return listen(backend, argv.includes('--raw'), argv.includes('--keyboard'), out, err, deps)

  let devices: HidDeviceInfo[]
  try {
    devices = await backend.devicesAsync()
  } catch (e) {
    err(`Cannot list HID devices: ${e instanceof Error ? e.message : String(e)}`)
    return 1
  }
  if (argv.includes('--json')) {
    out(JSON.stringify(devices.map((d) => ({ ...d, role: roleOf(d) })), null, 2))
    return 0
  }
  out(formatDeviceTable(devices))
  const pos = devices.filter(isHidPosScanner).length
  out('')
  out(`${pos} USB HID POS scanner collection(s) found${pos > 0 ? '; run with --listen and scan something to test.' : '.'}`)
  if (devices.some(hints.looksLikeKeyboardModeScanner)) out(hints.KEYBOARD_MODE_HINT)
  if (pos === 0 && (deps.platform ?? process.platform) === 'linux')
    out('On Linux a scanner without read permission may be missing from this list: see resources/udev/.')
  return 0
}

/** What a collection is, for the listing. */
export function roleOf(d: HidDeviceInfo): string {
  if (isHidPosScanner(d)) return 'HID POS scanner (used by Dock Claim)'
  if (hints.looksLikeKeyboardModeScanner(d)) return 'scanner in keyboard mode (not read; use HID POS mode)'
  if (d.usagePage === 0xff8c) return 'scanner vendor interface (ignored)'
  if (d.usagePage === 0x01 && d.usage === 0x06) return 'keyboard'
  return '-'
}

export function formatDeviceTable(devices: HidDeviceInfo[]): string {
  if (devices.length === 0) return 'node-hid sees no HID devices.'
  const rows = devices.map((d) => [
    `${hints.hex4(d.vendorId)}:${hints.hex4(d.productId)}`,
    `${d.usagePage === undefined ? '-' : `0x${d.usagePage.toString(16)}`}/${d.usage ?? '-'}`,
    d.path ?? '-',
    escapeForDisplay(`${d.manufacturer ?? ''} ${d.product ?? ''}`.trim() || '-', 40),
    roleOf(d)
  ])
  const head = ['VID:PID', 'page/usage', 'path', 'product', 'role']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')
  return [line(head), ...rows.map(line)].join('\n')
}

/** One line per scan: where from, what came, what the parser made of it. */
export function formatScan(s: ScanEvent, raw: boolean): string {
  const verdict = s.parsed.ok
    ? s.parsed.kind === 'control'
      ? `control ${s.parsed.command}`
      : `${s.parsed.kind} ${s.parsed.id}`
    : `REJECTED ${s.parsed.code}: ${s.parsed.reason}`
  const lines = [`${s.at.toISOString()}  ${s.scannerId}  aim=${s.aim ?? '-'}  "${escapeForDisplay(s.text, 120)}"  -> ${verdict}`]
  if (raw) lines.push(`  raw ${s.rawHex}`)
  return lines.join('\n')
}

async function listen(backend: HidBackend, raw: boolean, keyboard: boolean, out: (l: string) => void, err: (l: string) => void, deps: ScannersCliDeps): Promise<number> {
  const service = new ScannerService({ backend, clock: deps.clock, platform: deps.platform, beepOnInvalid: true, readKeyboardScanners: keyboard })
  service.on('status', (s) => out(`[${s.state}] ${s.id} ${s.product ?? ''} ${s.path}${s.hint ? `\n  ${s.hint}` : ''}`))
  service.on('scan', (s) => out(formatScan(s, raw)))
  service.on('dropped', (d) => out(`(dropped ${d.reason} from ${d.scannerId})`))
  service.on('backend_error', (e) => err(`Cannot list HID devices: ${e.message}${e.hint ? `\n  ${e.hint}` : ''}`))
  out('Listening for HID POS scans; Ctrl-C to stop.')
  await service.start()
  if (service.list().length === 0) out('No HID POS scanner yet; plug one in (checked every few seconds).')
  await new Promise<void>((resolve) => {
    const signal = deps.signal
    if (signal) {
      if (signal.aborted) resolve()
      else signal.addEventListener('abort', () => resolve(), { once: true })
      return
    }
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
  await service.stop()
  return 0
}
