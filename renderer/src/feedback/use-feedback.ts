import { useCallback, useEffect, useRef, useState } from 'react'
import type { ScanOutcome, Settings } from '../../../shared/contract'
import { invoke, on, errorText } from '../dock-client'
import { lookFor } from './outcomes'
import { playSound, unlockAudio } from './sounds'
import { verdictFor } from './verdict'

/** The key that acknowledges an error hold. Scanners never send function keys, so a scan cannot ack. */
export const ACK_KEY = 'F2'

export interface FeedbackState {
  last: ScanOutcome | null
  /** Increments per outcome so the flash animation restarts even for two equal outcomes. */
  flashSeq: number
  held: boolean
  ackError: string | null
  acknowledge: () => void
  /** Handle an outcome produced in the renderer (a scan call that failed) like one from the engine. */
  localOutcome: (o: ScanOutcome) => void
}

/**
 * Sound, flash and error hold for every `scan.outcome` (HID, wedge, manual). The engine refuses
 * scans while held (outcome `held`); the UI mirrors that state and lifts it via `session.ackHold`
 * on the ACK key or the ACK control barcode.
 */
export function useFeedback(sessionId: string | null, settings: Settings | null): FeedbackState {
  const [last, setLast] = useState<ScanOutcome | null>(null)
  const [flashSeq, setFlashSeq] = useState(0)
  const [held, setHeld] = useState(false)
  const [ackError, setAckError] = useState<string | null>(null)
  const settingsRef = useRef(settings)
  const sessionRef = useRef(sessionId)
  useEffect(() => {
    settingsRef.current = settings
    sessionRef.current = sessionId
  }, [settings, sessionId])

  const awaiting = useRef(new Map<string, ScanOutcome>())
  const latestScan = useRef<ScanOutcome | null>(null)

  const signal = useCallback((o: ScanOutcome) => {
    const fb = settingsRef.current?.feedback
    const look = lookFor(o)
    setLast(o)
    if (!fb || fb.flash) setFlashSeq((n) => n + 1)
    if (look.sound && (!fb || fb.soundEnabled)) playSound(look.sound, fb?.volume ?? 0.8)
    return look
  }, [])

  const localOutcome = useCallback(
    (o: ScanOutcome) => {
      latestScan.current = o
      const look = signal(o)
      // Only scan-time outcomes the engine saw put the session on hold (it refuses scans until ackHold).
      if (look.problem && settingsRef.current?.feedback.errorHold && o.durable && o.sessionId !== null && o.sessionId === sessionRef.current) setHeld(true)
      if (o.itemId && o.outcome === 'ok' && o.durable) {
        awaiting.current.set(o.itemId, o)
        // Bounded: a lookup that never returns must not grow this forever.
        if (awaiting.current.size > 500) awaiting.current.delete(awaiting.current.keys().next().value ?? '')
      }
    },
    [signal]
  )

  useEffect(() => on('scan.outcome', localOutcome), [localOutcome])

  // Late verdicts: DT lookups land as item updates after the scan was acknowledged. A problem
  // verdict comes from the engine as its own `scan.outcome` (sound, flash, panel); here a clean
  // verdict only turns "checking with DT" into "checked" while it is still the latest scan.
  useEffect(
    () =>
      on('session.changed', (c) => {
        for (const item of c.upserts) {
          const scan = awaiting.current.get(item.id)
          if (!scan) continue
          const v = verdictFor(scan, item)
          if (!v) continue
          awaiting.current.delete(item.id)
          if (v.outcome === 'ok' && latestScan.current === scan) setLast(v)
        }
      }),
    []
  )

  const acknowledge = useCallback(() => {
    const id = sessionRef.current
    setAckError(null)
    if (!id) {
      setHeld(false)
      return
    }
    invoke('session.ackHold', { sessionId: id }).then(
      (r) => setHeld(r.held),
      (err: unknown) => setAckError(errorText(err))
    )
  }, [])

  // The ACK control barcode: the engine lifted the hold; mirror it (ackHold is idempotent).
  useEffect(
    () =>
      on('control.command', (c) => {
        if (c.command === 'ack') acknowledge()
      }),
    [acknowledge]
  )

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      unlockAudio()
      if (e.key === ACK_KEY) {
        e.preventDefault()
        acknowledge()
      }
    }
    const onPointer = () => unlockAudio()
    window.addEventListener('keydown', onKey)
    window.addEventListener('pointerdown', onPointer)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('pointerdown', onPointer)
    }
  }, [acknowledge])

  const [holdOf, setHoldOf] = useState(sessionId)
  if (holdOf !== sessionId) {
    setHoldOf(sessionId)
    setHeld(false)
  }

  return { last, flashSeq, held, ackError, acknowledge, localOutcome }
}
