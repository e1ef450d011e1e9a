import { describe, expect, it } from 'vitest'
import { ReReadFilter } from '../../../electron/core/scanners/re-read-filter'

describe('ReReadFilter', () => {
  it('drops the same code from the same scanner within the window and counts it', () => {
    const f = new ReReadFilter(1500)
    expect(f.accept('s1', 'abc', 0)).toBe(true)
    expect(f.accept('s1', 'abc', 1499)).toBe(false)
    expect(f.droppedFor('s1')).toBe(1)
  })
  it('slides the window while the code stays in view, and passes it again after a pause', () => {
    const f = new ReReadFilter(1500)
    const accepted = [0, 1000, 2000, 3000, 4600].map((t) => f.accept('s1', 'abc', t))
    expect(accepted).toEqual([true, false, false, false, true])
    expect(f.droppedFor('s1')).toBe(3)
  })
  it('passes the same code from another scanner and other codes from the same one', () => {
    const f = new ReReadFilter(1500)
    expect(f.accept('s1', 'abc', 0)).toBe(true)
    expect(f.accept('s2', 'abc', 10)).toBe(true)
    expect(f.accept('s1', 'abd', 20)).toBe(true)
    expect(f.accept('s1', 'abc', 30)).toBe(true)
  })
  it('forgets the last read after a replug but keeps the count', () => {
    const f = new ReReadFilter(1500)
    f.accept('s1', 'abc', 0)
    f.accept('s1', 'abc', 10)
    f.forget('s1')
    expect(f.accept('s1', 'abc', 20)).toBe(true)
    expect(f.droppedFor('s1')).toBe(1)
  })
})
