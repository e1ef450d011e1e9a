import { useState, type FormEvent } from 'react'

/**
 * The one field where an ID may be typed by hand. Enter here adds exactly this one ID; it never
 * submits the batch. Marked so the wedge detector leaves keystrokes typed here alone.
 */
export function ManualEntry({ onSubmit, disabled }: { onSubmit: (text: string) => Promise<void>; disabled: boolean }) {
  const [text, setText] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const value = text
    if (value.trim() === '') return
    setText('')
    void onSubmit(value)
  }
  return (
    <form className="manual-entry" onSubmit={submit} aria-label="Manual entry">
      <label htmlFor="manual-id">Type a kit or device ID (manual entry)</label>
      <input
        id="manual-id"
        data-manual-entry="true"
        autoComplete="off"
        spellCheck={false}
        maxLength={4096}
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" disabled={disabled || text.trim() === ''}>
        Add ID
      </button>
    </form>
  )
}
