import { useState } from 'react'
import { inert } from './inert-text'

/**
 * Where a file was written, with a "copy path" button. Files are never offered as blob: or data:
 * downloads: the CSP has no blob: source and the app writes exports itself (docs/ui.md).
 */
export function FileWritten({ label, path }: { label: string; path: string }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no')
  const copy = () => {
    navigator.clipboard.writeText(path).then(
      () => setCopied('yes'),
      () => setCopied('failed')
    )
  }
  return (
    <div className="file-written" role="status">
      <span className="icon" aria-hidden="true">
        ✔
      </span>
      <span>
        {label} written to <code className="path">{inert(path, 300)}</code>
      </span>
      <button type="button" className="small" onClick={copy}>
        Copy path
      </button>
      {copied === 'yes' ? <span className="note">Copied ✓</span> : null}
      {copied === 'failed' ? <span className="note">Copy failed: select the path by hand</span> : null}
    </div>
  )
}
