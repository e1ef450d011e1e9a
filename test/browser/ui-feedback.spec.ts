import { expect, test } from './harness-fixture'
import { SEED } from './helpers/ui-scan'

/**
 * Which tones the page synthesized: the first oscillator frequency of each sound, recorded by
 * wrapping the real Web Audio API (the sound still plays).
 */
async function tones(page: import('@playwright/test').Page): Promise<number[]> {
  return page.evaluate(() => (globalThis as unknown as { __tones: number[] }).__tones.slice())
}

test('each outcome has its own sound, including DT verdicts that arrive after the scan was saved', async ({ page, dock }) => {
  await page.addInitScript(() => {
    const g = globalThis as unknown as {
      __tones: number[]
      AudioContext: { prototype: { createOscillator(this: unknown): { frequency: { setValueAtTime(v: number, t: number): unknown } } } }
    }
    g.__tones = []
    const create = g.AudioContext.prototype.createOscillator
    g.AudioContext.prototype.createOscillator = function (this: unknown) {
      const osc = create.call(this)
      const set = osc.frequency.setValueAtTime.bind(osc.frequency)
      osc.frequency.setValueAtTime = (v: number, t: number) => {
        g.__tones.push(v)
        return set(v, t)
      }
      return osc
    }
  })
  await dock.open()
  await page.getByLabel(/^Operator/).fill('Kari')
  await page.getByRole('button', { name: 'Start session' }).click()
  const manual = page.getByLabel(/manual entry/)
  const last = page.getByRole('region', { name: 'Last scan' })
  const scan = async (text: string) => {
    await manual.fill(text)
    await manual.press('Enter')
  }

  await scan(SEED.looseDevice)
  await expect(last).toContainText('Checked with DT')
  expect(await tones(page)).toEqual([1320]) // OK: one high blip

  await scan(SEED.looseDevice)
  await expect(last).toContainText('DUPLICATE')
  await expect.poll(() => tones(page)).toEqual([1320, 880, 880]) // two mid blips

  await scan(SEED.unknownDevice)
  // Saved (OK blip), then DT's verdict arrives: a falling low tone.
  await expect(last).toContainText('NOT FOUND')
  await expect.poll(() => tones(page)).toEqual([1320, 880, 880, 1320, 330])

  await scan(SEED.claimedElsewhere)
  await expect(last).toContainText('ALREADY CLAIMED')
  await expect.poll(async () => (await tones(page)).slice(5)).toEqual([1320, 988, 494])

  await scan(SEED.partialKit)
  await expect(last).toContainText('PARTIAL KIT')
  await expect.poll(async () => (await tones(page)).slice(8)).toEqual([1320, 660, 830, 660])

  await scan('<not a code>')
  await expect(last).toContainText('NOT A DT CODE')
  await expect.poll(async () => (await tones(page)).slice(12)).toEqual([180, 140, 180]) // error: rough low pulses

  // Sound off: no more tones, the panel still tells.
  await dock.core.settings.update({ feedback: { soundEnabled: false } })
  await scan(SEED.otherLooseDevice)
  await expect(last).toContainText(SEED.otherLooseDevice)
  await expect(last).toContainText('Checked with DT')
  expect((await tones(page)).length).toBe(15)
})
