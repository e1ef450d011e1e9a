#!/usr/bin/env node
// `npx dock-claim …` right after `npm ci`: run the TypeScript CLI through tsx (a dev
// dependency), so no build step is needed. The CLI is the same engine the app uses.
require('tsx/cjs')
require('./core/cli.ts')
