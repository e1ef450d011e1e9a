import { useState, type FormEvent } from 'react'
import type { Settings } from '../../../shared/contract'
import { ErrorBox } from '../common/error-box'
import { InertText } from '../common/inert-text'
import { useAction } from '../common/use-action'
import { invoke } from '../dock-client'

/**
 * DT service-account credentials, typed once by a supervisor. The secret goes to main (safeStorage)
 * and is never shown or sent back: the field is cleared after saving, and only the e-mail and a
 * "stored" marker are displayed.
 */
export function CredentialsForm({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const [keyId, setKeyId] = useState('')
  const [secret, setSecret] = useState('')
  const [email, setEmail] = useState('')
  const [saved, setSaved] = useState(false)
  const action = useAction()
  const save = (e: FormEvent) => {
    e.preventDefault()
    setSaved(false)
    void action.run(async () => {
      const s = await invoke('settings.setCredentials', { keyId, secret, email })
      setSecret('')
      setKeyId('')
      setSaved(true)
      onSaved(s)
    })
  }
  const clear = () => void action.run(async () => onSaved(await invoke('settings.clearCredentials', {})))
  return (
    <section className="settings-section" aria-labelledby="cred-title">
      <h2 id="cred-title">DT account (service account)</h2>
      <p role="status">
        {settings.hasCredentials ? (
          <>
            <span aria-hidden="true">✔</span> Credentials stored for <strong>{settings.credentialsEmail ? <InertText text={settings.credentialsEmail} max={80} /> : 'a service account'}</strong>.
            The secret is kept encrypted by the app and is never shown.
          </>
        ) : (
          <>
            <span aria-hidden="true">⚠</span> No credentials stored.
          </>
        )}
      </p>
      <form onSubmit={save} className="settings-form" aria-label="DT credentials">
        <div className="field">
          <label htmlFor="cred-email">Service account e-mail</label>
          <input id="cred-email" data-manual-entry="true" autoComplete="off" value={email} maxLength={256} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="cred-key">Key ID</label>
          <input id="cred-key" data-manual-entry="true" autoComplete="off" value={keyId} maxLength={64} onChange={(e) => setKeyId(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="cred-secret">Secret</label>
          <input id="cred-secret" data-manual-entry="true" type="password" autoComplete="new-password" value={secret} maxLength={256} onChange={(e) => setSecret(e.target.value)} />
        </div>
        <div className="button-row">
          <button type="submit" className="primary" disabled={action.busy || !keyId.trim() || !secret || email.trim().length < 3}>
            Store credentials
          </button>
          {settings.hasCredentials ? (
            <button type="button" onClick={clear} disabled={action.busy}>
              Forget credentials
            </button>
          ) : null}
        </div>
        {saved ? <p className="note" role="status">✔ Stored.</p> : null}
        <ErrorBox error={action.error} onDismiss={() => action.setError(null)} />
      </form>
    </section>
  )
}
