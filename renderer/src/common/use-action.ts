import { useCallback, useState } from 'react'
import { errorText } from '../dock-client'

/**
 * Wraps an async action with busy + error state so every button shows "working" and every failure
 * is visible (errors from channels the engine does not serve yet included).
 */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true)
    setError(null)
    try {
      return await fn()
    } catch (err) {
      setError(errorText(err))
      return undefined
    } finally {
      setBusy(false)
    }
  }, [])
  return { busy, error, setError, run }
}
