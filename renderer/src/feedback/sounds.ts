import type { SoundKind } from './outcomes'

/**
 * Synthesized feedback sounds (Web Audio; no asset files). Each outcome differs in pitch, rhythm
 * AND timbre so they stay distinguishable through hearing protection, which cuts high and low
 * frequencies unevenly: OK is one short high blip; errors are long, low and rough.
 */
interface Note {
  freq: number
  /** Start offset in seconds. */
  at: number
  dur: number
  type: OscillatorType
  /** Glide to this frequency over the note (for "falling" sounds). */
  to?: number
}

const PATTERNS: Record<SoundKind, Note[]> = {
  ok: [{ freq: 1320, at: 0, dur: 0.09, type: 'sine' }],
  duplicate: [
    { freq: 880, at: 0, dur: 0.08, type: 'triangle' },
    { freq: 880, at: 0.13, dur: 0.08, type: 'triangle' }
  ],
  already_claimed: [
    { freq: 988, at: 0, dur: 0.16, type: 'triangle' },
    { freq: 494, at: 0.18, dur: 0.3, type: 'triangle' }
  ],
  not_found: [{ freq: 330, at: 0, dur: 0.45, type: 'square', to: 220 }],
  partial_kit: [
    { freq: 660, at: 0, dur: 0.09, type: 'sine' },
    { freq: 830, at: 0.11, dur: 0.09, type: 'sine' },
    { freq: 660, at: 0.22, dur: 0.09, type: 'sine' }
  ],
  error: [
    { freq: 180, at: 0, dur: 0.22, type: 'sawtooth' },
    { freq: 140, at: 0.28, dur: 0.22, type: 'sawtooth' },
    { freq: 180, at: 0.56, dur: 0.22, type: 'sawtooth' }
  ]
}

let ctx: AudioContext | null = null

function context(): AudioContext | null {
  if (ctx) return ctx
  const Ctor = window.AudioContext
  if (!Ctor) return null
  ctx = new Ctor()
  return ctx
}

/**
 * Chromium starts an AudioContext suspended until a user gesture; the first key or click resumes
 * it, so the very first scan of a shift is not silent.
 */
export function unlockAudio(): void {
  const c = context()
  if (c && c.state === 'suspended') void c.resume().catch(() => undefined)
}

/** Play one outcome sound at `volume` (0–1). Never throws: a missing audio device must not stop scanning. */
export function playSound(kind: SoundKind, volume: number): void {
  if (volume <= 0) return
  try {
    const c = context()
    if (!c) return
    if (c.state === 'suspended') void c.resume().catch(() => undefined)
    const start = c.currentTime + 0.01
    const master = c.createGain()
    master.gain.value = Math.min(1, volume) * 0.5
    master.connect(c.destination)
    for (const n of PATTERNS[kind]) {
      const osc = c.createOscillator()
      const env = c.createGain()
      osc.type = n.type
      osc.frequency.setValueAtTime(n.freq, start + n.at)
      if (n.to) osc.frequency.linearRampToValueAtTime(n.to, start + n.at + n.dur)
      // Short attack/release ramps: no clicks, and the onset stays crisp.
      env.gain.setValueAtTime(0, start + n.at)
      env.gain.linearRampToValueAtTime(1, start + n.at + 0.008)
      env.gain.setValueAtTime(1, start + n.at + n.dur - 0.02)
      env.gain.linearRampToValueAtTime(0, start + n.at + n.dur)
      osc.connect(env).connect(master)
      osc.start(start + n.at)
      osc.stop(start + n.at + n.dur + 0.01)
    }
  } catch {
    // Audio is feedback, not state: ignore device errors.
  }
}

/** Every sound, for the settings page's "test sounds" buttons. */
export const SOUND_KINDS: readonly SoundKind[] = ['ok', 'duplicate', 'already_claimed', 'not_found', 'partial_kit', 'error']
