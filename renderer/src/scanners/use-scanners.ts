import { useCallback, useEffect, useState } from 'react'
import type { ScannerStatus } from '../../../shared/contract'
import { errorText, invoke, on } from '../dock-client'

/** Known HID scanners, kept live from `scanner.status`. */
export function useScanners(): { scanners: ScannerStatus[]; error: string | null; refresh: () => void } {
  const [scanners, setScanners] = useState<ScannerStatus[]>([])
  const [error, setError] = useState<string | null>(null)
  const refresh = useCallback(() => {
    invoke('scanners.list', {}).then(
      (list) => setScanners((cur) => mergeAll(list, cur)),
      (err: unknown) => setError(errorText(err))
    )
  }, [])
  useEffect(() => {
    let alive = true
    invoke('scanners.list', {}).then(
      (list) => {
        if (alive) setScanners((cur) => mergeAll(list, cur))
      },
      (err: unknown) => {
        if (alive) setError(errorText(err))
      }
    )
    const off = on('scanner.status', (s) => setScanners((cur) => mergeAll([s], cur)))
    return () => {
      alive = false
      off()
    }
  }, [])
  return { scanners, error, refresh }
}

function mergeAll(fresh: ScannerStatus[], cur: ScannerStatus[]): ScannerStatus[] {
  const byId = new Map(cur.map((s) => [s.id, s]))
  for (const s of fresh) byId.set(s.id, s)
  return [...byId.values()]
}
