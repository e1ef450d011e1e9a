// `npm run bench`: every benchmark in one run; numbers go to test/bench/results.json (machine-
// readable) and the "Latest run" table of BENCHMARKS.md. Timing goals live here, never in tests.
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'

type BenchResult = Record<string, number>
interface Bench {
  name: string
  module: string
  fn: string
  /** [metric, target description, check] */
  targets: Array<[string, string, (v: number) => boolean]>
}

const benches: Bench[] = [
  {
    name: 'session',
    module: './session-bench',
    fn: 'runSessionBench',
    targets: [
      ['previewBatchedRequests', '≤ 85 requests', (v) => v <= 85],
      ['scanLatencyP99Ms_20perSec', 'p99 < 50 ms', (v) => v < 50],
      ['scanLatencyP99Ms_burst1000', 'p99 < 50 ms', (v) => v < 50],
      ['claimWallVsRateBound', '≤ 1.2× the rate-limit bound', (v) => v <= 1.2]
    ]
  },
  {
    name: 'audit',
    module: './audit-bench',
    fn: 'runAuditBench',
    targets: [
      ['verifyMs', '< 5,000 ms', (v) => v < 5000],
      ['exportCsvMs', '< 5,000 ms', (v) => v < 5000]
    ]
  },
  {
    name: 'ui',
    module: './ui-bench',
    fn: 'runUiBench',
    targets: [['frameP95Ms', 'p95 < 16.7 ms', (v) => v < 16.7]]
  }
]

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  const resultsPath = join(__dirname, 'results.json')
  let previous: { results?: Record<string, BenchResult> } = {}
  try {
    previous = JSON.parse(readFileSync(resultsPath, 'utf8')) as typeof previous
  } catch {}
  const results: Record<string, BenchResult> = { ...(previous.results ?? {}) }
  for (const b of benches) {
    if (only.length && !only.includes(b.name)) continue
    console.log(`\n== bench: ${b.name}`)
    const mod = (await import(b.module)) as Record<string, () => Promise<BenchResult>>
    const fn = mod[b.fn]
    if (!fn) throw new Error(`${b.module} does not export ${b.fn}`)
    results[b.name] = await fn()
    console.log(results[b.name])
  }
  const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memGiB: Math.round(totalmem() / 2 ** 30) }
  writeFileSync(resultsPath, JSON.stringify({ at: new Date().toISOString(), machine, results }, null, 2) + '\n')

  const rows: string[] = []
  for (const b of benches) {
    const r = results[b.name]
    if (!r) continue
    for (const [k, v] of Object.entries(r)) {
      const t = b.targets.find(([m]) => m === k)
      const verdict = t ? `${t[1]}: ${t[2](v) ? 'met' : '**missed**'}` : ''
      rows.push(`| ${b.name} | ${k} | ${Number.isInteger(v) ? v : v.toFixed(2)} | ${verdict} |`)
    }
  }
  const table = [
    `Latest run: ${new Date().toISOString()} on Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ${machine.memGiB} GiB.`,
    '',
    '| bench | metric | value | target |',
    '|---|---|---|---|',
    ...rows
  ].join('\n')
  const mdPath = join(__dirname, '../../BENCHMARKS.md')
  const md = readFileSync(mdPath, 'utf8')
  const start = '<!-- bench:start -->'
  const end = '<!-- bench:end -->'
  const next = md.includes(start) ? md.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${table}\n${end}`) : `${md}\n${start}\n${table}\n${end}\n`
  writeFileSync(mdPath, next)
  console.log(`\nWrote ${resultsPath} and BENCHMARKS.md`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
