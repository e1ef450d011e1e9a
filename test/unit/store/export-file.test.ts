import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildExportFileName, resolveInside, writeExportFile } from '../../../electron/core/store/export-file'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dock-export-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))
const now = new Date('2026-03-01T08:09:10.123Z')

describe('export files', () => {
  it('builds names from a timestamp and allowlisted characters only', () => {
    expect(buildExportFileName('audit', 'csv', now)).toBe('audit-20260301-080910.csv')
    expect(buildExportFileName('results', 'html', now, 3)).toBe('results-20260301-080910-3.html')
    for (const bad of ['../x', 'a/b', 'CON', 'a b', '', 'é', 'x'.repeat(41)]) expect(() => buildExportFileName(bad, 'csv', now)).toThrow(/prefix/)
    expect(() => buildExportFileName('audit', 'exe', now)).toThrow(/extension/)
  })

  it('property: resolveInside never returns a path outside the folder', () => {
    const dir = join(root, 'out')
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('..', '../x', '/etc/passwd', 'a/../../b', 'C:\\x', '\\\\srv\\s', '.', 'a\0b')), (name) => {
        let p: string | null = null
        try {
          p = resolveInside(dir, name)
        } catch {
          return
        }
        expect(dirname(p)).toBe(dir)
        expect(p).toBe(join(dir, name))
      }),
      { numRuns: 2000 }
    )
  })

  it('writes atomically into the folder, never overwriting, leaving no temp files', () => {
    const exportDir = join(root, 'exports', 'nested')
    const a = writeExportFile({ exportDir, prefix: 'audit', ext: 'csv', content: 'one', now })
    const b = writeExportFile({ exportDir, prefix: 'audit', ext: 'csv', content: ['tw', 'o'], now })
    expect(a.fileName).toBe('audit-20260301-080910.csv')
    expect(b.fileName).toBe('audit-20260301-080910-2.csv')
    expect(readFileSync(a.path, 'utf8')).toBe('one')
    expect(readFileSync(b.path, 'utf8')).toBe('two')
    expect(b.bytes).toBe(3)
    expect(readdirSync(exportDir).sort()).toEqual([a.fileName, b.fileName].sort())
  })

  it('resolves a symlinked export folder to its real location and does not follow a planted file symlink', () => {
    const real = join(root, 'real')
    mkdirSync(real)
    const link = join(root, 'link')
    symlinkSync(real, link)
    const victim = join(root, 'victim.txt')
    // A symlink planted under the name the app would pick is skipped, not written through.
    symlinkSync(victim, join(real, 'audit-20260301-080910.csv'))
    const out = writeExportFile({ exportDir: link, prefix: 'audit', ext: 'csv', content: 'x', now })
    expect(dirname(out.path)).toBe(real)
    expect(out.fileName).toBe('audit-20260301-080910-2.csv')
    expect(() => lstatSync(victim)).toThrow()
  })
})
