// `npm start`: Dock Claim in Electron where an Electron binary exists; otherwise (as on build
// machines without one) say so in one line and serve the same app through the browser harness.
const { spawn, spawnSync } = require('node:child_process')
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

const bin = electronBinary()
if (!bin) {
  browserFallback('No Electron binary is installed on this machine (it cannot be downloaded here).')
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
