import { describe, expect, it } from 'vitest'
import { createFakeHidBackend } from '../../../electron/core/scanners/fake-hid'

const INFO = { vendorId: 0x0c2e, productId: 0x0b87, path: 'p1', release: 1, interface: 0, usagePage: 0x8c, usage: 2 }

describe('FakeHidDevice behaves like node-hid HIDAsync', () => {
  it('delivers reports only with a data listener, open and unpaused (no buffering)', async () => {
    const b = createFakeHidBackend([INFO])
    const d = b.devices[0]!
    expect(d.feed('0200')).toBe(false)
    await b.open('p1')
    expect(d.feed('0200')).toBe(false) // open but nobody listening
    const got: string[] = []
    d.on('data', (buf: Buffer) => got.push(buf.toString('hex')))
    d.pause()
    expect(d.feed('0201')).toBe(false)
    d.resume()
    expect(d.feed('02 02')).toBe(true)
    expect(got).toEqual(['0202'])
    expect(d.lostReports).toBe(3)
  })

  it('emits one read error on unplug, then nothing; I/O on a closed device fails', async () => {
    const b = createFakeHidBackend([INFO])
    const d = await b.open('p1')
    const errors: string[] = []
    d.on('error', (e: Error) => errors.push(e.message))
    d.on('data', () => undefined)
    b.devices[0]!.unplug()
    b.devices[0]!.fail()
    expect(errors).toEqual(['could not read from HID device'])
    expect(await b.devicesAsync()).toEqual([])
    await expect(b.open('p1')).rejects.toThrow(/cannot open device with path p1/)
    await d.close()
    await expect(d.close()).rejects.toThrow(/closed/)
    await expect(d.write([4, 0x20])).rejects.toThrow(/closed/)
  })

  it('records writes and feature reports and answers getFeatureReport/getDeviceInfo', async () => {
    const b = createFakeHidBackend([INFO])
    const d = await b.open('p1')
    expect(await d.write([4, 0x20])).toBe(2)
    expect(await d.sendFeatureReport([0xfe, 1])).toBe(2)
    b.devices[0]!.featureReplies.set(0xfe, [0xfe, 1])
    expect([...(await d.getFeatureReport(0xfe, 4))]).toEqual([0xfe, 1, 0, 0])
    expect(await d.getDeviceInfo()).toMatchObject({ path: 'p1', usagePage: 0x8c })
    expect(b.devices[0]!.written).toEqual([[4, 0x20]])
    expect(b.devices[0]!.featureReportsSent).toEqual([[0xfe, 1]])
  })
})
