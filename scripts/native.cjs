// better-sqlite3 uses V8's API (not N-API), so its binary is built for one runtime at a time:
// Node (tests, CLI) or Electron (the app). These helpers switch it, so `npm start` and
// `npm test` can alternate in any order. node-hid is N-API and serves both as-is.
const { spawnSync } = require('node:child_process')
const { existsSync, readFileSync, writeFileSync, rmSync } = require('node:fs')
const { join } = require('node:path')

const root = join(__dirname, '..')
const sqliteDir = join(root, 'node_modules', 'better-sqlite3')
const marker = join(sqliteDir, 'build', 'dock-claim-runtime.txt')

function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
}

/** Path of the Electron binary, or null (checked without require('electron'), which would try to download it). */
function electronBinary() {
  if (process.env.ELECTRON_EXEC_PATH && existsSync(process.env.ELECTRON_EXEC_PATH)) return process.env.ELECTRON_EXEC_PATH
  const dir = join(root, 'node_modules', 'electron')
  const pathTxt = join(dir, 'path.txt')
  if (!existsSync(pathTxt)) return null
  const bin = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim())
  return existsSync(bin) ? bin : null
}

function loadsInNode() {
  const r = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, stdio: 'pipe' })
  return r.status === 0
}

function rebuild(env, quiet) {
  const r = spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, env: { ...process.env, ...env }, stdio: quiet ? 'pipe' : 'inherit', shell: process.platform === 'win32' })
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` }
}

/** Make better-sqlite3 loadable by this Node (after `npm start` rebuilt it for Electron). */
function ensureNodeBuild() {
  if (loadsInNode()) return true
  console.log('better-sqlite3 is built for Electron; rebuilding it for Node (about a minute)...')
  rmSync(marker, { force: true })
  const r = rebuild({ npm_config_runtime: 'node' }, false)
  return r.ok && loadsInNode()
}

/** Rebuild better-sqlite3 against Electron's headers (needs electronjs.org). Returns an error line or null. */
function ensureElectronBuild() {
  const want = `electron-${electronVersion()}`
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === want) return null
  console.log(`Rebuilding better-sqlite3 for Electron ${electronVersion()}...`)
  const r = rebuild(
    { npm_config_runtime: 'electron', npm_config_target: electronVersion(), npm_config_disturl: 'https://electronjs.org/headers' },
    true
  )
  if (!r.ok) {
    // Put the Node build back so tests and the CLI keep working.
    rebuild({ npm_config_runtime: 'node' }, true)
    const reason = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo/.test(r.output) ? 'Electron headers could not be downloaded (no network to electronjs.org)' : 'the native build failed'
    return `Could not rebuild better-sqlite3 for Electron: ${reason}.`
  }
  writeFileSync(marker, want)
  return null
}

module.exports = { root, electronBinary, ensureNodeBuild, ensureElectronBuild }
