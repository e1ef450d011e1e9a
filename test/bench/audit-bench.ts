import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { auditCsvChunks, exportAuditCsv } from '../../electron/core/store/audit-export'
import { openStore } from '../../electron/core/store/open-store'

/** CPU time (user + system) in ms: wall time on a shared 2-core box includes other processes. */
const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000

/**
 * Audit log at scale (issue 5 §10): fill a temp database with `rows` hash-chained audit rows
 * (one bulk transaction), then time a full chain verify and a full CSV export.
 * Targets: verify < 5 s and export < 5 s at 1,000,000 rows.
 */
export async function runAuditBench(options: { rows?: number; log?: (line: string) => void } = {}): Promise<Record<string, number>> {
  const rows = options.rows ?? 1_000_000
  const log = options.log ?? ((line: string) => console.log(line))
  const dir = mkdtempSync(join(tmpdir(), 'dock-audit-bench-'))
  const path = join(dir, 'bench.db')
  let t = Date.parse('2026-01-05T06:00:00.000Z')
  const store = openStore({ path, station: 'bench-desk', clock: () => new Date((t += 37)) })
  try {
    const session = store.sessions.create({ organizationId: 'org-bench', projectId: 'proj-bench', projectName: 'Bench', operator: 'bench', reference: null })
    const fillStart = performance.now()
    store.transaction(() => {
      for (let i = 1; i < rows; i++) {
        const id = `emu${String(i).padStart(17, '0')}`
        store.audit.append({
          eventType: i % 50 === 0 ? 'claim.claimed' : 'scan.recorded',
          outcome: 'ok',
          sessionId: session.id,
          subject: id,
          payload: { scanId: `scan-${i}`, kind: 'device', raw: id, rawLength: id.length, source: 'hid', scannerId: 'usb-0c2e-1', at: new Date(t).toISOString() }
        })
      }
    })
    const fillMs = performance.now() - fillStart
    log(`audit bench: filled ${rows} rows in ${(fillMs / 1000).toFixed(1)} s`)

    const verifyCpu = process.cpuUsage()
    const verifyStart = performance.now()
    const verify = store.audit.verify()
    const verifyMs = performance.now() - verifyStart
    const verifyCpuMs = cpuMs(process.cpuUsage(verifyCpu))
    if (!verify.ok || verify.checked !== rows) throw new Error(`verify failed: ${JSON.stringify(verify)}`)
    log(`audit bench: verify ${verify.checked} rows in ${(verifyMs / 1000).toFixed(2)} s (cpu ${(verifyCpuMs / 1000).toFixed(2)} s)`)

    const exportCpu = process.cpuUsage()
    const exportStart = performance.now()
    const file = exportAuditCsv(store.audit, {}, { exportDir: join(dir, 'exports'), now: new Date() })
    const exportMs = performance.now() - exportStart
    const exportCpuMs = cpuMs(process.cpuUsage(exportCpu))
    log(`audit bench: export ${rows} rows (${(file.bytes / 1e6).toFixed(0)} MB) in ${(exportMs / 1000).toFixed(2)} s (cpu ${(exportCpuMs / 1000).toFixed(2)} s)`)

    // Rendering alone (SQLite builds the CSV, nothing written): separates CPU work from disk I/O.
    const renderStart = performance.now()
    let rendered = 0
    for (const chunk of auditCsvChunks(store.audit, {})) rendered += chunk.length
    const renderMs = performance.now() - renderStart
    log(`audit bench: render only ${(renderMs / 1000).toFixed(2)} s (${(rendered / 1e6).toFixed(0)} MB)`)

    const queryStart = performance.now()
    const q = store.audit.query({ text: `emu${String(Math.floor(rows / 2)).padStart(17, '0')}`, limit: 200 })
    const queryMs = performance.now() - queryStart

    return {
      rows,
      fillMs: Math.round(fillMs),
      verifyMs: Math.round(verifyMs),
      verifyCpuMs: Math.round(verifyCpuMs),
      exportCsvMs: Math.round(exportMs),
      exportCsvCpuMs: Math.round(exportCpuMs),
      exportCsvBytes: file.bytes,
      exportCsvRenderOnlyMs: Math.round(renderMs),
      textQueryMs: Math.round(queryMs),
      textQueryHits: q.total,
      dbBytes: statSync(path).size
    }
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const invokedDirectly = process.argv[1] !== undefined && /audit-bench\.ts$/.test(process.argv[1])
if (invokedDirectly) {
  runAuditBench({ rows: process.env.AUDIT_BENCH_ROWS ? Number(process.env.AUDIT_BENCH_ROWS) : undefined }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err: unknown) => {
      console.error(err)
      process.exitCode = 1
    }
  )
}
