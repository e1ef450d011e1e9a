import { useCallback, useEffect, useState } from 'react'
import type { AppInfo, Settings } from '../../../shared/contract'
import { errorText, hasBridge, invoke, on } from '../dock-client'

export interface AppState {
  info: AppInfo | null
  settings: Settings | null
  error: string | null
  storageError: string | null
  clearStorageError: () => void
  setSettings: (s: Settings) => void
}

/** App facts and station settings, kept live from `settings.changed`; storage errors from `storage.error`. */
export function useAppState(): AppState {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [settings, setSettingsState] = useState<Settings | null>(null)
  const [error, setError] = useState<string | null>(() =>
    hasBridge() ? null : 'The app bridge is missing: Dock Claim must run inside its window (or the browser harness).'
  )
  const [storageError, setStorageError] = useState<string | null>(null)

  const loadInfo = useCallback(() => {
    invoke('app.info', {}).then(setInfo, (err: unknown) => setError(errorText(err)))
  }, [])

  useEffect(() => {
    if (!hasBridge()) return
    loadInfo()
    invoke('settings.get', {}).then(setSettingsState, (err: unknown) => setError(errorText(err)))
    const offSettings = on('settings.changed', (s) => {
      setSettingsState(s)
      // Training mode and the API host live in app.info too: re-read so the banner follows.
      loadInfo()
    })
    const offStorage = on('storage.error', (e) => setStorageError(e.message))
    return () => {
      offSettings()
      offStorage()
    }
  }, [loadInfo])

  const setSettings = useCallback(
    (s: Settings) => {
      setSettingsState(s)
      loadInfo()
    },
    [loadInfo]
  )
  return { info, settings, error, storageError, clearStorageError: () => setStorageError(null), setSettings }
}
