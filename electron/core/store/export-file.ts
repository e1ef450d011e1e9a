import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname, join, relative, resolve, isAbsolute } from 'node:path'
import { DockError } from '../../../shared/contract'
import { StorageError } from './errors'

const PREFIX = /^[a-z0-9][a-z0-9-]{0,39}$/
const EXTENSIONS = new Set(['csv', 'html', 'json', 'txt'])

/** `<prefix>-YYYYMMDD-HHMMSS[-n].<ext>` in UTC: built by the app, never from scanned text. */
export function buildExportFileName(prefix: string, ext: string, now: Date, n = 1): string {
  if (!PREFIX.test(prefix)) throw new DockError('invalid_input', `Bad export file prefix: ${prefix.slice(0, 40)}`)
  if (!EXTENSIONS.has(ext)) throw new DockError('invalid_input', `Bad export file extension: ${ext.slice(0, 10)}`)
  const stamp = now.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-')
  return `${prefix}-${stamp}${n > 1 ? `-${n}` : ''}.${ext}`
}

/** Resolve `fileName` inside `dir` and prove it stays there (no separators, no `..`, no symlink escape). */
export function resolveInside(dir: string, fileName: string): string {
  const target = resolve(dir, fileName)
  const rel = relative(dir, target)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || dirname(target) !== dir || rel !== fileName) {
    throw new DockError('invalid_input', 'Export path escapes the export folder.')
  }
  return target
}

const exists = (p: string): boolean => {
  try {
    lstatSync(p)
    return true
  } catch {
    return false
  }
}

function writeAll(fd: number, bytes: Uint8Array): number {
  let off = 0
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off)
  return bytes.length
}

/**
 * Write an export atomically (temp file → fsync → rename → fsync dir, reliability.md §3.2)
 * into `exportDir` under an app-built, unique name. `content` may be a string or chunks.
 */
export function writeExportFile(options: {
  exportDir: string
  prefix: string
  ext: string
  content: string | Iterable<string | Uint8Array>
  now: Date
}): { fileName: string; path: string; bytes: number } {
  let dir: string
  try {
    mkdirSync(options.exportDir, { recursive: true })
    dir = realpathSync(options.exportDir)
  } catch (err) {
    throw new StorageError(`Cannot use the export folder ${options.exportDir}: ${(err as Error).message}`)
  }
  let n = 1
  let fileName = buildExportFileName(options.prefix, options.ext, options.now, n)
  while (exists(join(dir, fileName))) fileName = buildExportFileName(options.prefix, options.ext, options.now, ++n)
  const target = resolveInside(dir, fileName)
  const temp = resolveInside(dir, `.${fileName}.${process.pid}.tmp`)
  let bytes = 0
  let fd: number | null = null
  try {
    fd = openSync(temp, 'wx', 0o600)
    const chunks = typeof options.content === 'string' ? [options.content] : options.content
    for (const chunk of chunks) bytes += typeof chunk === 'string' ? writeSync(fd, chunk, null, 'utf8') : writeAll(fd, chunk)
    fsyncSync(fd)
    closeSync(fd)
    fd = null
    renameSync(temp, target)
  } catch (err) {
    if (fd !== null) closeSync(fd)
    rmSync(temp, { force: true })
    if (err instanceof DockError) throw err
    throw new StorageError(`Could not write the export ${fileName}: ${(err as Error).message}`)
  }
  try {
    const dfd = openSync(dir, 'r')
    fsyncSync(dfd)
    closeSync(dfd)
  } catch {
    // Directory fsync is not supported everywhere (Windows); the rename itself already happened.
  }
  return { fileName, path: target, bytes }
}
