import { useState, type FormEvent } from 'react'
import type { AppInfo, ChannelInput, Settings } from '../../../shared/contract'
import { ErrorBox } from '../common/error-box'
import { useAction } from '../common/use-action'
import { invoke } from '../dock-client'
import { playSound, SOUND_KINDS } from '../feedback/sounds'
import { ACK_KEY } from '../feedback/use-feedback'
import { CredentialsForm } from './credentials-form'
import { ScannerTest } from './scanner-test'

interface Props {
  settings: Settings | null
  info: AppInfo | null
  onSaved: (s: Settings) => void
}

/** Station settings: account, feedback, scanning rules, scanners. */
export function SettingsScreen({ settings, info, onSaved }: Props) {
  if (!settings) {
    return (
      <section className="screen" aria-labelledby="settings-title">
        <h1 id="settings-title">Settings</h1>
        <p>Loading settings…</p>
      </section>
    )
  }
  return (
    <section className="screen settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {/* Keyed on the stored values: a change from elsewhere re-seeds the draft fields. */}
      <AccountSection key={`${settings.station}|${settings.apiUrl}|${settings.tokenUrl}`} settings={settings} info={info} onSaved={onSaved} />
      <CredentialsForm settings={settings} onSaved={onSaved} />
      <FeedbackSection settings={settings} onSaved={onSaved} />
      <ScanningSection settings={settings} onSaved={onSaved} />
      <ScannerTest />
    </section>
  )
}

type SectionProps = { settings: Settings; onSaved: (s: Settings) => void }

function AccountSection({ settings, info, onSaved }: SectionProps & { info: AppInfo | null }) {
  const [apiUrl, setApiUrl] = useState(settings.apiUrl)
  const [tokenUrl, setTokenUrl] = useState(settings.tokenUrl)
  const [station, setStation] = useState(settings.station)
  const action = useAction()
  const save = (e: FormEvent) => {
    e.preventDefault()
    void action.run(async () => onSaved(await invoke('settings.update', { apiUrl: apiUrl.trim(), tokenUrl: tokenUrl.trim(), station: station.trim() })))
  }
  const toggleTraining = () => void action.run(async () => onSaved(await invoke('settings.update', { trainingMode: !settings.trainingMode })))
  return (
    <section className="settings-section" aria-labelledby="account-title">
      <h2 id="account-title">Mode and station</h2>
      <p className="big-fact" role="status">
        {settings.trainingMode ? '▲ Training mode: claims go to the built-in simulator, nothing is claimed at DT.' : '● Real mode: claims go to DT and start subscriptions.'}
      </p>
      <button type="button" className={settings.trainingMode ? 'primary' : ''} onClick={toggleTraining} disabled={action.busy}>
        {settings.trainingMode ? 'Switch to real DT account' : 'Switch to training mode'}
      </button>
      {settings.trainingMode === false && !settings.hasCredentials ? (
        <p className="note warn">⚠ Real mode needs DT credentials: store them below.</p>
      ) : null}
      <form onSubmit={save} className="settings-form" aria-label="Station and API">
        <div className="field">
          <label htmlFor="station">Station name</label>
          <input id="station" data-manual-entry="true" value={station} maxLength={64} onChange={(e) => setStation(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="api-url">DT API host (URL)</label>
          <input id="api-url" data-manual-entry="true" type="url" value={apiUrl} onChange={(e) => setApiUrl(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="token-url">DT token URL</label>
          <input id="token-url" data-manual-entry="true" type="url" value={tokenUrl} onChange={(e) => setTokenUrl(e.target.value)} />
        </div>
        <button type="submit" disabled={action.busy}>
          Save station and API
        </button>
        {info ? <p className="note">Running: {info.shell}, version {info.version}, talking to {info.apiUrl}</p> : null}
      </form>
      <ErrorBox error={action.error} onDismiss={() => action.setError(null)} />
    </section>
  )
}

function FeedbackSection({ settings, onSaved }: SectionProps) {
  const fb = settings.feedback
  const action = useAction()
  // Optimistic: the box ticks at once; a refused update puts the stored settings back.
  const update = (patch: Partial<Settings['feedback']>) => {
    onSaved({ ...settings, feedback: { ...fb, ...patch } })
    void action
      .run(async () => {
        onSaved(await invoke('settings.update', { feedback: patch }))
        return true
      })
      .then((r) => {
        if (r === undefined) onSaved(settings)
      })
  }
  return (
    <section className="settings-section" aria-labelledby="feedback-title">
      <h2 id="feedback-title">Sound and feedback</h2>
      <div className="checks">
        <label>
          <input type="checkbox" checked={fb.soundEnabled} onChange={(e) => update({ soundEnabled: e.target.checked })} /> Play a sound per scan outcome
        </label>
        <label>
          <input type="checkbox" checked={fb.flash} onChange={(e) => update({ flash: e.target.checked })} /> Full-screen colour flash
        </label>
        <label>
          <input type="checkbox" checked={fb.errorHold} onChange={(e) => update({ errorHold: e.target.checked })} /> Error hold: refuse scans after a problem until acknowledged ({ACK_KEY} or ACK barcode)
        </label>
      </div>
      <div className="field">
        <label htmlFor="volume">Volume ({Math.round(fb.volume * 100)} %)</label>
        <input id="volume" type="range" min={0} max={1} step={0.05} value={fb.volume} onChange={(e) => update({ volume: Number(e.target.value) })} />
      </div>
      <div className="button-row" role="group" aria-label="Test sounds">
        {SOUND_KINDS.map((k) => (
          <button key={k} type="button" className="small" onClick={() => playSound(k, fb.volume)}>
            ♪ {k.replace('_', ' ')}
          </button>
        ))}
      </div>
      <ErrorBox error={action.error} onDismiss={() => action.setError(null)} />
    </section>
  )
}

function ScanningSection({ settings, onSaved }: SectionProps) {
  const [chunk, setChunk] = useState(String(settings.chunkSize))
  const [gap, setGap] = useState(String(settings.wedge.maxGapMs))
  const [minLen, setMinLen] = useState(String(settings.wedge.minLength))
  const action = useAction()
  const update = (patch: ChannelInput<'settings.update'>, optimistic?: Settings) => {
    if (optimistic) onSaved(optimistic)
    void action
      .run(async () => {
        onSaved(await invoke('settings.update', patch))
        return true
      })
      .then((r) => {
        if (r === undefined && optimistic) onSaved(settings)
      })
  }
  const saveNumbers = (e: FormEvent) => {
    e.preventDefault()
    update({ chunkSize: Number(chunk), wedge: { maxGapMs: Number(gap), minLength: Number(minLen) } })
  }
  return (
    <section className="settings-section" aria-labelledby="scanning-title">
      <h2 id="scanning-title">Scanning and claiming</h2>
      <div className="field">
        <label htmlFor="dup-policy">Duplicates are checked against</label>
        <select id="dup-policy" value={settings.duplicatePolicy} onChange={(e) => {
            const duplicatePolicy = e.target.value === 'ever' ? 'ever' : 'session'
            update({ duplicatePolicy }, { ...settings, duplicatePolicy })
          }}>
          <option value="session">This session</option>
          <option value="ever">Every session (audit log)</option>
        </select>
      </div>
      <div className="checks">
        <label>
          <input type="checkbox" checked={settings.wedge.enabled} onChange={(e) => update({ wedge: { enabled: e.target.checked } }, { ...settings, wedge: { ...settings.wedge, enabled: e.target.checked } })} /> Capture keyboard-wedge scanners
          (no field needs focus)
        </label>
      </div>
      <form onSubmit={saveNumbers} className="settings-form" aria-label="Numbers">
        <div className="field">
          <label htmlFor="chunk">Devices per claim request (1–1000)</label>
          <input id="chunk" type="number" min={1} max={1000} value={chunk} onChange={(e) => setChunk(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="gap">Wedge: max gap between keys (ms, 5–200)</label>
          <input id="gap" type="number" min={5} max={200} value={gap} onChange={(e) => setGap(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="minlen">Wedge: shortest scan (characters, 2–64)</label>
          <input id="minlen" type="number" min={2} max={64} value={minLen} onChange={(e) => setMinLen(e.target.value)} />
        </div>
        <button type="submit" disabled={action.busy}>
          Save numbers
        </button>
      </form>
      <ErrorBox error={action.error} onDismiss={() => action.setError(null)} />
    </section>
  )
}
