import { statfsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { StorageError } from './errors'

/**
 * Linux statfs magic numbers of network file systems. WAL needs every process on one host and
 * network file systems break SQLite's locking (reliability.md §3.2), so the store refuses them.
 */
const NETWORK_FS_MAGIC = new Map<number, string>([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x564c, 'NCP'],
  [0x5346414f, 'AFS'],
  [0x6b414653, 'AFS'],
  [0x01021997, '9P'],
  [0x73757245, 'Coda'],
  [0x47504653, 'GPFS'],
  [0x0bd00bd0, 'Lustre']
])

/** Throws StorageError for a database path on a network share. Cheap checks only. */
export function assertLocalDatabasePath(path: string, platform: NodeJS.Platform = process.platform): void {
  if (path.trim() === '') throw new StorageError('No database path was given.')
  if (path === ':memory:') return
  if (platform === 'win32') {
    // \\server\share and //server/share are UNC paths; \\?\C:\ and \\.\C:\ are local long paths.
    const unc = /^[\\/]{2}(?![?.][\\/][a-zA-Z]:)/.test(path) || /^[\\/]{2}[?.][\\/]UNC[\\/]/i.test(path)
    if (unc) throw new StorageError(`The database path ${path} is on a network share; SQLite needs a local disk.`)
    return
  }
  if (platform !== 'linux') return
  let type: number
  try {
    type = statfsSync(dirname(resolve(path))).type
  } catch {
    return // a missing directory fails later with a clearer open error
  }
  const fs = NETWORK_FS_MAGIC.get(type)
  if (fs) throw new StorageError(`The database path ${path} is on a network file system (${fs}); SQLite needs a local disk.`)
}
