import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'dock-fsync-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('acknowledge only after fsync (R3, promise P2)', () => {
  it('every ACK written to stdout is preceded by an fsync of the WAL since the previous ACK', () => {
    const path = join(dir, 'order.db')
    const res = spawnSync(
      'strace',
      ['-f', '-qq', '-y', '-e', 'trace=fsync,fdatasync,write', process.execPath, '--import', 'tsx', join(here, 'fault-writer.ts'), path, '20', 'o'],
      { encoding: 'utf8', timeout: 60_000 }
    )
    expect(res.status, res.stderr.slice(-500)).toBe(0)
    // strace's own lines go to stderr: "[pid N] fsync(20</…/order.db-wal>) = 0", "write(1<pipe…>, "ACK o3\n", 7) = 7".
    let walSyncs = 0
    let acks = 0
    let unsynced = 0
    for (const line of res.stderr.split('\n')) {
      if (/f(data)?sync\(\d+<[^>]*order\.db-wal>\) = 0/.test(line)) walSyncs++
      else if (/write\(1<[^>]*>, "ACK /.test(line)) {
        acks++
        if (walSyncs === 0) unsynced++
        walSyncs = 0
      }
    }
    console.log(`fsync order: ${acks} ACK writes, ${unsynced} without a preceding WAL fsync`)
    expect(acks).toBe(20)
    expect(unsynced).toBe(0)
  }, 120_000)
})
