import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import type { Review } from '../../../shared/contract'
import { InertText } from '../common/inert-text'
import { plural } from '../common/plural'

/** How long the confirm button stays disarmed after the dialog opens. */
export const ARM_DELAY_MS = 1500

interface Props {
  review: Review
  busy: boolean
  /** True while a keyboard-wedge burst is arriving: clicks/keys then come from a scanner, not a person. */
  wedgeBusy: () => boolean
  onConfirm: () => void
  onClose: () => void
}

/**
 * The claim confirmation. Claiming starts DT subscriptions, so it names the project and the device
 * count in large type and cannot be triggered by a scanner: focus starts on Cancel, the confirm
 * button arms only after {@link ARM_DELAY_MS}, Enter never activates it (scanners end every code
 * with Enter) and activations during a wedge burst are ignored. Click or Space on the button only.
 */
export function ConfirmDialog({ review, busy, wedgeBusy, onConfirm, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const [armed, setArmed] = useState(false)
  const [refused, setRefused] = useState<string | null>(null)

  useEffect(() => {
    const d = ref.current
    if (d && !d.open) d.showModal()
    cancelRef.current?.focus()
    const t = window.setTimeout(() => setArmed(true), ARM_DELAY_MS)
    return () => {
      window.clearTimeout(t)
      if (d?.open) d.close()
    }
  }, [])

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault()
      setRefused('Enter does not confirm a claim. Click the button or press Space.')
    }
  }
  const onClick = (e: MouseEvent<HTMLButtonElement>) => {
    e.preventDefault()
    if (!armed || busy) return
    if (wedgeBusy()) {
      setRefused('A scan was arriving: the claim was not started. Try again.')
      return
    }
    onConfirm()
  }

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-what"
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <h2 id="confirm-title">Confirm claim</h2>
      <p id="confirm-what" className="confirm-what">
        Claim <strong className="confirm-count">{review.deviceCount}</strong> {review.deviceCount === 1 ? 'device' : 'devices'}
        {review.kitCount > 0 ? ` (${plural(review.kitCount, 'kit')})` : ''} into project{' '}
        <strong className="confirm-project">
          <InertText text={review.projectName} max={60} />
        </strong>
      </p>
      <p className="note">Claiming starts the DT subscription for every device. This cannot be undone from the dock.</p>
      {refused ? (
        <p className="note warn" role="alert">
          <span aria-hidden="true">⚠</span> {refused}
        </p>
      ) : null}
      <div className="button-row">
        <button ref={cancelRef} type="button" className="big" onClick={onClose}>
          Cancel (Esc)
        </button>
        <button type="button" className="primary big danger" aria-disabled={!armed || busy} onKeyDown={onKeyDown} onClick={onClick}>
          {armed ? `Claim ${plural(review.deviceCount, 'device')} now` : 'Wait…'}
        </button>
      </div>
    </dialog>
  )
}
