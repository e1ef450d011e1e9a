import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { failpoint, FAILPOINT_NAMES, resetFailpoints } from '../../../electron/core/session/failpoints'

const TSX = join(__dirname, '../../../node_modules/.bin/tsx')
const MODULE = join(__dirname, '../../../electron/core/session/failpoints.ts')

afterEach(() => {
  delete process.env.FAILPOINTS
  resetFailpoints()
})

describe('failpoints', () => {
  it('are no-ops unless armed, and other names never fire', () => {
    process.env.FAILPOINTS = 'before_send=kill@3'
    resetFailpoints()
    for (let i = 0; i < 10; i++) failpoint('after_scan_commit')
    failpoint('before_send')
    failpoint('before_send')
    expect(FAILPOINT_NAMES).toContain('before_send')
  })

  it('kill@k SIGKILLs the process on the k-th hit (child process)', () => {
    const script = `const { failpoint } = require(${JSON.stringify(MODULE)}); for (let i = 1; i <= 5; i++) { console.log('hit ' + i); failpoint('mid_reconcile') }`
    const r = spawnSync(TSX, ['-e', script], { env: { ...process.env, TSX_DISABLE_CACHE: '1', FAILPOINTS: 'mid_reconcile=kill@2' }, encoding: 'utf8' })
    expect(r.stdout.trim().split('\n')).toEqual(['hit 1', 'hit 2'])
    expect(r.signal === 'SIGKILL' || r.status === 137).toBe(true)
  })
})
