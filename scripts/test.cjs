// `npm test`: the whole suite, then one line CI can read: "N passed, N failed, N skipped".
// vitest (unit + integration, plain Node) then Playwright (Chromium through the browser harness,
// plus the Electron smoke test, which skips with one line where no Electron binary exists).
const { spawnSync } = require('node:child_process')
const { mkdirSync, readFileSync, rmSync } = require('node:fs')
const { join } = require('node:path')
const { root, ensureNodeBuild } = require('./native.cjs')

const reports = join(root, 'reports')
mkdirSync(reports, { recursive: true })
const sh = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1

if (!ensureNodeBuild()) {
  console.log('better-sqlite3 could not be rebuilt for Node.')
  console.log('0 passed, 1 failed')
  process.exit(1)
}
const buildRc = sh('npx', ['electron-vite', 'build', '--logLevel', 'warn'])
rmSync(join(reports, 'unit.json'), { force: true })
rmSync(join(reports, 'e2e.json'), { force: true })
const unitRc = sh('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'unit.json')}`])
const e2eRc = buildRc === 0 ? sh('npx', ['playwright', 'test']) : 1

const read = (f) => {
  try {
    return JSON.parse(readFileSync(join(reports, f), 'utf8'))
  } catch {
    return null
  }
}
let passed = 0
let failed = 0
let skipped = 0
const unit = read('unit.json')
if (unit) {
  passed += unit.numPassedTests
  failed += unit.numFailedTests
  skipped += unit.numPendingTests + unit.numTodoTests
  // A file that failed without a failing test (load error, unhandled error, tests cut short)
  // still fails the run: count it, so the summary line never says 0 failed on a red run.
  const silentFiles = (unit.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length
  failed += silentFiles
  if (!unit.success && unit.numFailedTests === 0 && silentFiles === 0) failed++
} else failed++
const e2e = read('e2e.json')
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky
  failed += e2e.stats.unexpected
  skipped += e2e.stats.skipped
} else failed++
if (buildRc !== 0) failed++
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(unitRc === 0 && e2eRc === 0 && buildRc === 0 && failed === 0 ? 0 : 1)
