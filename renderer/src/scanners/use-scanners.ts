import { useCallback, useEffect, useState } from 'react'
import type { ScannerStatus } from '../../../shared/contract'
import { errorText, invoke, on } from '../dock-client'

/** Known HID scanners: `scanners.list` is the truth (it also drops forgotten ones); `scanner.status` events update it live. */
export function useScanners(): { scanners: ScannerStatus[]; error: string | null; refresh: () => void } {
  const [scanners, setScanners] = useState<ScannerStatus[]>([])
  const [error, setError] = useState<string | null>(null)
  const refresh = useCallback(() => {
    invoke('scanners.list', {}).then(
      (list) => setScanners(list),
      (err: unknown) => setError(errorText(err))
    )
  }, [])
  useEffect(() => {
    let alive = true
    invoke('scanners.list', {}).then(
      (list) => {
        if (alive) setScanners(list)
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
