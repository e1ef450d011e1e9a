import { describe, expect, it } from 'vitest'
import { channels, events, ipcEventName, ipcInvokeName, isChannel, isEventName, type Channel, type EventName } from '../../../shared/contract'

describe('the IPC contract', () => {
  it('derives distinct Electron names for every channel and event', () => {
    const names = [
      ...(Object.keys(channels) as Channel[]).map(ipcInvokeName),
      ...(Object.keys(events) as EventName[]).map(ipcEventName)
    ]
    expect(new Set(names).size).toBe(names.length)
    for (const n of names) expect(n.startsWith('dock:')).toBe(true)
  })

  it('documents every channel and event', () => {
    for (const [name, spec] of Object.entries({ ...channels, ...events })) expect(spec.doc.length, name).toBeGreaterThan(5)
  })

  it('recognizes only its own names (no prototype keys)', () => {
    expect(isChannel('session.start')).toBe(true)
    expect(isChannel('toString')).toBe(false)
    expect(isChannel('__proto__')).toBe(false)
    expect(isEventName('scan.outcome')).toBe(true)
    expect(isEventName('constructor')).toBe(false)
  })

  it('never lets the renderer pass a device list or project to claim.confirm', () => {
    const shape = channels['claim.confirm'].input
    expect(shape.safeParse({ sessionId: 's', reviewId: 'r', deviceCount: 3 }).success).toBe(true)
    expect(shape.safeParse({ sessionId: 's', reviewId: 'r', deviceCount: 3, deviceIds: ['x'] }).success).toBe(false)
    expect(shape.safeParse({ sessionId: 's', reviewId: 'r', deviceCount: 3, projectId: 'p' }).success).toBe(false)
  })
})
