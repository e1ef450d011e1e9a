import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { Organization, Project, Session, Settings } from '../../../shared/contract'
import { ErrorBox } from '../common/error-box'
import { InertText, safeLabel } from '../common/inert-text'
import { useAction } from '../common/use-action'
import { errorText, invoke } from '../dock-client'
import { ResumeList } from './resume-list'

interface Props {
  settings: Settings | null
  /** `notice`: something the operator must see on the board (e.g. the manifest was refused). */
  onOpen: (session: Session, notice?: string) => void
}

/** Start a receiving session: organization, project (remembered per station), operator, reference, manifest. */
export function StartScreen({ settings, onOpen }: Props) {
  const [orgs, setOrgs] = useState<Organization[] | null>(null)
  const [orgId, setOrgId] = useState('')
  const [projects, setProjects] = useState<Project[] | null>(null)
  const [projectId, setProjectId] = useState('')
  const [operator, setOperator] = useState('')
  const [reference, setReference] = useState('')
  const [manifest, setManifest] = useState('')
  const [loadError, setLoadError] = useState<string | null>(null)
  const action = useAction()
  // Read when an organization is picked, not on every settings push (that would undo a choice).
  const lastProject = useRef<Record<string, string>>({})
  useEffect(() => {
    lastProject.current = settings?.lastProject ?? {}
  }, [settings])

  useEffect(() => {
    invoke('dt.organizations', {}).then(
      (list) => {
        setOrgs(list)
        if (list.length > 0) setOrgId((cur) => cur || (list[0]?.id ?? ''))
      },
      (err: unknown) => setLoadError(errorText(err))
    )
  }, [])

  useEffect(() => {
    if (!orgId) return
    invoke('dt.projects', { organizationId: orgId }).then(
      (list) => {
        setProjects(list)
        const remembered = lastProject.current[orgId]
        const pick = list.find((p) => p.id === remembered) ?? list[0]
        setProjectId(pick?.id ?? '')
      },
      (err: unknown) => setLoadError(errorText(err))
    )
  }, [orgId])

  const start = (e: FormEvent) => {
    e.preventDefault()
    void action.run(async () => {
      const session = await invoke('session.start', {
        organizationId: orgId,
        projectId,
        operator: operator.trim(),
        reference: reference.trim() === '' ? null : reference.trim()
      })
      await invoke('settings.update', { lastProject: { ...(settings?.lastProject ?? {}), [orgId]: projectId } })
      let notice: string | undefined
      if (manifest.trim() !== '') {
        // The session exists now: open it even when the manifest is refused, and say why.
        notice = await invoke('session.importManifest', { sessionId: session.id, text: manifest }).then(
          () => undefined,
          (err: unknown) => `Manifest not imported: ${errorText(err)}`
        )
      }
      onOpen(session, notice)
    })
  }

  const readFile = (file: File | undefined) => {
    if (!file) return
    if (file.size > 2_000_000) {
      action.setError(`Manifest file is too large (${file.size} bytes, at most 2 MB).`)
      return
    }
    file.text().then(setManifest, (err: unknown) => action.setError(errorText(err)))
  }

  const ready = orgId !== '' && projectId !== '' && operator.trim() !== '' && !action.busy
  return (
    <section className="screen start" aria-labelledby="start-title">
      <h1 id="start-title">Start receiving</h1>
      <ErrorBox error={loadError} />
      <div className="start-grid">
        <form className="start-form" onSubmit={start} aria-label="New session">
          <div className="field">
            <label htmlFor="org">Organization</label>
            <select
              id="org"
              value={orgId}
              onChange={(e) => {
                setProjects(null)
                setOrgId(e.target.value)
              }}
              disabled={!orgs}
            >
              {orgs === null ? <option value="">Loading…</option> : null}
              {orgs?.map((o) => (
                <option key={o.id} value={o.id}>
                  {safeLabel(o.displayName, 80)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="project">Project to claim into</label>
            <select id="project" value={projectId} onChange={(e) => setProjectId(e.target.value)} disabled={!projects}>
              {projects === null ? <option value="">Loading…</option> : null}
              {projects?.map((p) => (
                <option key={p.id} value={p.id}>
                  {safeLabel(p.displayName, 80)}
                  {p.inventory ? ' (inventory)' : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="operator">Operator (type a name or scan your badge)</label>
            <input id="operator" data-manual-entry="true" autoComplete="off" maxLength={64} value={operator} onChange={(e) => setOperator(e.target.value)} onKeyDown={stopScannerEnter} />
          </div>
          <div className="field">
            <label htmlFor="reference">Reference – PO or shipment (optional)</label>
            <input id="reference" data-manual-entry="true" autoComplete="off" maxLength={128} value={reference} onChange={(e) => setReference(e.target.value)} onKeyDown={stopScannerEnter} />
          </div>
          <div className="field">
            <label htmlFor="manifest">Expected shipment – kit IDs or CSV (optional)</label>
            <textarea id="manifest" data-manual-entry="true" rows={3} value={manifest} onChange={(e) => setManifest(e.target.value)} />
            <label htmlFor="manifest-file" className="file-label">
              Or load a manifest file
            </label>
            <input id="manifest-file" type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => readFile(e.target.files?.[0])} />
            {manifest ? <span className="note">{manifest.split(/\r?\n/).filter((l) => l.trim()).length} lines loaded</span> : null}
          </div>
          <button type="submit" className="primary big" disabled={!ready}>
            {action.busy ? 'Starting…' : 'Start session'}
          </button>
          {!ready && !action.busy ? <p className="note">Pick organization and project and enter the operator to start.</p> : null}
          <ErrorBox error={action.error} onDismiss={() => action.setError(null)} />
        </form>
        <div className="start-side">
          {projects && projectId ? (
            <p className="claim-target">
              New devices will be claimed into{' '}
              <strong>
                <InertText text={projects.find((p) => p.id === projectId)?.displayName ?? projectId} max={60} />
              </strong>
              .
            </p>
          ) : null}
          <ResumeList onOpen={onOpen} />
        </div>
      </div>
    </section>
  )
}

/**
 * A badge scanner ends with Enter; in these fields Enter must not submit the form (and start a
 * session half-filled). Moving to the next field is what the operator expects.
 */
function stopScannerEnter(e: KeyboardEvent<HTMLInputElement>) {
  if (e.key !== 'Enter') return
  e.preventDefault()
  const form = e.currentTarget.form
  if (!form) return
  const fields = Array.from(form.querySelectorAll<HTMLElement>('input, select, textarea'))
  const next = fields[fields.indexOf(e.currentTarget) + 1]
  next?.focus()
}
