import type { Item, SessionView } from '../../../shared/contract'
import { toSafeCsv } from '../store/csv-safe'
import { writeExportFile } from '../store/export-file'

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`)
}

const HEADER = ['identifier', 'kind', 'kit', 'state', 'result_code', 'message', 'device_type', 'product_number', 'scanned_at', 'scanner']

function rowsFor(item: Item): string[][] {
  const msg = item.result?.message ?? item.flags.map((f) => f.message).join(' | ')
  const base = [item.identifier, item.kind, item.kit ? item.identifier : (item.device?.kitId ?? ''), item.state, item.result?.code ?? '', msg, item.device?.deviceType ?? '', item.device?.productNumber ?? '', item.scannedAt, item.scannerId ?? '']
  const rows = [base]
  for (const m of item.kit?.members ?? []) rows.push([m.deviceId, 'kit_member', item.identifier, m.state, '', '', m.deviceType, m.productNumber, item.scannedAt, item.scannerId ?? ''])
  return rows
}

/** Per-item (and per kit member) results as CSV, every cell neutralized. */
export function resultsCsv(view: SessionView): string {
  return toSafeCsv(HEADER, view.items.flatMap(rowsFor))
}

/** A printable, self-contained HTML receipt. Every value is escaped; no scripts, strict CSP. */
export function receiptHtml(view: SessionView, at: Date): string {
  const s = view.session
  const e = escapeHtml
  const kits = view.items.filter((i) => i.kind === 'kit' && i.kit)
  const kitRows = kits
    .map((k) => {
      const m = k.kit?.members ?? []
      const count = (st: string) => m.filter((x) => x.state === st).length
      return `<tr><td>${e(k.identifier)}</td><td>${e(k.kit?.displayName ?? '')}</td><td>${m.length}</td><td>${count('claimed')}</td><td>${count('claimed_here') + count('claimed_elsewhere')}</td><td>${count('failed') + count('not_found')}</td><td>${e(k.state)}</td></tr>`
    })
    .join('\n')
  const problems = view.items.filter((i) => ['failed', 'claimed_elsewhere', 'not_found', 'invalid', 'lookup_failed', 'unknown'].includes(i.state))
  const problemRows = problems.map((p) => `<li><code>${e(p.identifier)}</code> — ${e(p.state)}: ${e(p.result?.message ?? p.flags.map((f) => f.message).join(' '))}</li>`).join('\n')
  const sum = s.summary
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Dock Claim receipt</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;text-align:left}</style>
</head><body>
<h1>Receiving receipt</h1>
<table>
<tr><th>Reference</th><td>${e(s.reference ?? '—')}</td></tr>
<tr><th>Operator</th><td>${e(s.operator)}</td></tr>
<tr><th>Station</th><td>${e(s.station)}</td></tr>
<tr><th>Organization</th><td>${e(s.organizationId)}</td></tr>
<tr><th>Project</th><td>${e(s.projectName)} (${e(s.projectId)})</td></tr>
<tr><th>Session</th><td>${e(s.id)} — ${e(s.status)}, started ${e(s.createdAt)}</td></tr>
<tr><th>Printed</th><td>${e(at.toISOString())}</td></tr>
<tr><th>Devices claimed</th><td>${sum.claimed}</td></tr>
<tr><th>Already claimed</th><td>${sum.alreadyClaimed}</td></tr>
<tr><th>Failed / not found / invalid</th><td>${sum.failed} / ${sum.notFound} / ${sum.invalid}</td></tr>
</table>
<h2>Kits (${kits.length})</h2>
<table><tr><th>Kit</th><th>Name</th><th>Devices</th><th>Claimed now</th><th>Claimed before</th><th>Failed</th><th>State</th></tr>
${kitRows}
</table>
<h2>Errors (${problems.length})</h2>
<ul>
${problemRows}
</ul>
</body></html>
`
}

/**
 * Write an export into exportDir. The file name is built from the kind and the clock only
 * (store/export-file.ts), never from scanned or typed text, and is proven to stay inside exportDir.
 */
export function writeExport(exportDir: string, kind: 'results' | 'receipt', content: string, now: Date): { fileName: string; path: string; content: string } {
  const f = writeExportFile({ exportDir, prefix: `dock-claim-${kind}`, ext: kind === 'results' ? 'csv' : 'html', content, now })
  return { fileName: f.fileName, path: f.path, content }
}
