import { describe, expect, it } from 'vitest'
import type { WedgeScan } from '../../../renderer/src/wedge/wedge-detector'
import { createWedgeListener, type WedgeKeyEvent } from '../../../renderer/src/wedge/wedge-listener'

function harness() {
  let now = 0
  let timers: Array<{ at: number; fn: () => void }> = []
  const scans: WedgeScan[] = []
  const listener = createWedgeListener({
    onScan: (s) => scans.push(s),
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { at: now + ms, fn }
      timers.push(t)
      return t
    },
    clearTimer: (h) => {
      timers = timers.filter((t) => t !== h)
    }
  })
  const advance = (ms: number): void => {
    now += ms
    for (const t of timers.filter((x) => x.at <= now)) {
      timers = timers.filter((x) => x !== t)
      t.fn()
    }
  }
  const press = (key: string, target: unknown = null) => {
    const ev: WedgeKeyEvent & { prevented: boolean; stopped: boolean } = {
      key, timeStamp: now, repeat: false, isComposing: false, ctrlKey: false, altKey: false, metaKey: false, target,
      prevented: false, stopped: false,
      preventDefault() { ev.prevented = true },
      stopImmediatePropagation() { ev.stopped = true }
    }
    listener.handleKeydown(ev)
    return ev
  }
  return { scans, press, advance, listener }
}

const button = { closest: () => null }
const manualField = { closest: (sel: string) => (sel === '[data-manual-entry]' ? {} : null) }

describe('wedge listener (what use-wedge registers on window)', () => {
  it("prevents and stops a scanner's keys and Enter so a focused button is never pressed", () => {
    const h = harness()
    const events = [...'fff000'].map((c) => {
      const e = h.press(c, button)
      h.advance(8)
      return e
    })
    const enter = h.press('Enter', button)
    expect(h.scans).toMatchObject([{ text: 'fff000', end: 'enter' }])
    expect(enter).toMatchObject({ prevented: true, stopped: true })
    expect(events.slice(1).every((e) => e.prevented && e.stopped)).toBe(true)
  })

  it('leaves the manual-entry field alone, even for a fast burst and its Enter', () => {
    const h = harness()
    const events = [...'fff000', 'Enter'].map((c) => {
      const e = h.press(c, manualField)
      h.advance(5)
      return e
    })
    expect(h.scans).toEqual([])
    expect(events.every((e) => !e.prevented && !e.stopped)).toBe(true)
  })

  it('delivers a suffix-less scan when the burst goes quiet', () => {
    const h = harness()
    for (const c of 'cbvatvi87d5i8s51aagg') {
      h.press(c, button)
      h.advance(6)
    }
    expect(h.scans).toEqual([])
    h.advance(100)
    expect(h.scans).toMatchObject([{ text: 'cbvatvi87d5i8s51aagg', end: 'timeout' }])
  })

  it('reports busy during a burst and shortly after a scan, not otherwise', () => {
    const h = harness()
    expect(h.listener.isBusy(0)).toBe(false)
    for (const c of 'fff000') {
      h.press(c, button)
      h.advance(8)
    }
    expect(h.listener.isBusy(48)).toBe(true)
    h.press('Enter', button)
    expect(h.listener.isBusy(100)).toBe(true)
    expect(h.listener.isBusy(2000)).toBe(false)
  })

  it('lets a person press Enter on a button', () => {
    const h = harness()
    h.advance(5000)
    expect(h.press('Enter', button).prevented).toBe(false)
  })

  it('stops timers on dispose', () => {
    const h = harness()
    h.press('a', button)
    h.listener.dispose()
    h.advance(1000)
    expect(h.scans).toEqual([])
  })
})
