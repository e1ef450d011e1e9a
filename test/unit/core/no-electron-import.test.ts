import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// The engine and the shared contract must run in plain Node (tests, CLI, harness): any import of
// 'electron' there would break every one of them, so this test walks the folders and fails on one.
const root = join(__dirname, '../../..')
const IMPORT_ELECTRON = /(?:from\s+['"]electron(?:\/[^'"]*)?['"]|require\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\)|import\(\s*['"]electron(?:\/[^'"]*)?['"]\s*\))/

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return files(p)
    return /\.(ts|tsx|js|cjs|mjs)$/.test(name) ? [p] : []
  })
}

describe('engine isolation', () => {
  it('the pattern catches every import form (so the check below could fail)', () => {
    for (const s of ["import { app } from 'electron'", 'import x from "electron/main"', "const e = require('electron')", "await import('electron')"]) {
      expect(IMPORT_ELECTRON.test(s), s).toBe(true)
    }
    expect(IMPORT_ELECTRON.test("import x from 'electron-vite'")).toBe(false)
  })

  // electron/main/static-files.ts is shared with the harness, so it must stay Electron-free too.
  it('electron/main/static-files.ts (used by the harness) never imports electron', () => {
    expect(IMPORT_ELECTRON.test(readFileSync(join(root, 'electron/main/static-files.ts'), 'utf8'))).toBe(false)
  })

  for (const dir of ['electron/core', 'shared', 'electron/harness']) {
    it(`${dir}/ never imports electron`, () => {
      const offenders = files(join(root, dir)).filter((f) => IMPORT_ELECTRON.test(readFileSync(f, 'utf8')))
      expect(offenders.map((f) => relative(root, f))).toEqual([])
    })
  }
})
