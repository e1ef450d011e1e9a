#!/usr/bin/env node
// `npx dock-claim …` right after `npm ci`: run the TypeScript CLI through tsx (a dev
// dependency), so no build step is needed. The CLI is the same engine the app uses.
require('tsx/cjs')
const { runCli } = require('./core/cli.ts')
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (err) => {
    console.error(`dock-claim: ${err instanceof Error ? err.message : String(err)}`)
    process.exitCode = 1
  }
)
