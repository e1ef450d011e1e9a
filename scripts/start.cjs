// `npm start`: Dock Claim in Electron where an Electron binary exists; otherwise (as on build
// machines without one) say so in one line and serve the same app through the browser harness.
const { spawn, spawnSync } = require('node:child_process')
const { existsSync } = require('node:fs')
const { join } = require('node:path')
const { root, electronBinary, ensureElectronBuild, ensureNodeBuild } = require('./native.cjs')

function run(cmd, args, env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' })
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
  child.on('exit', (code) => process.exit(code ?? 0))
}

function browserFallback(why) {
  console.log(`${why} Serving Dock Claim through the browser harness instead.`)
  if (!ensureNodeBuild()) {
    console.error('better-sqlite3 does not load in this Node; run `npm rebuild better-sqlite3`.')
    process.exit(1)
  }
  run('npm', ['run', '-s', 'start:browser'])
}

/**
 * Electron 42+ has no install step: its binary is fetched on first use. Fetch it now (where the
 * network allows); on machines that reach only npm/apt this fails within a second.
 */
function fetchElectron() {
  const install = join(root, 'node_modules', 'electron', 'install.js')
  if (!existsSync(install)) return { bin: null, why: 'the electron package is missing (run npm ci).' }
  console.log('Fetching the Electron binary (first start only)...')
  const r = spawnSync(process.execPath, [install], { cwd: root, stdio: 'pipe', timeout: 10 * 60_000 })
  const bin = r.status === 0 ? electronBinary() : null
  if (bin) return { bin, why: null }
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|fetch failed/.test(out)
  return { bin: null, why: offline ? 'No Electron binary on this machine, and it cannot be downloaded here (no network to GitHub).' : 'No Electron binary on this machine, and fetching it failed.' }
}

let bin = electronBinary()
let why = null
if (!bin) ({ bin, why } = fetchElectron())
if (!bin) {
  browserFallback(why)
} else {
  const err = ensureElectronBuild()
  if (err) {
    browserFallback(err)
  } else {
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
    if (build.status !== 0) process.exit(build.status ?? 1)
    run(bin, ['.'])
  }
}
