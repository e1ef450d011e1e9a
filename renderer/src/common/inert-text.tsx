import { escapeForDisplay } from '../../../shared/payload/display'

/**
 * Untrusted text (scanned payloads, DT messages, audit payloads) as a plain React text node:
 * control, bidi and zero-width characters become visible escapes and the length is capped with a
 * visible "…", so a 1 MB string or a Trojan-Source payload can neither flood nor reorder the screen.
 */
export function InertText({ text, max = 80, className }: { text: string; max?: number; className?: string }) {
  const shown = escapeForDisplay(text, max)
  const cut = shown.length < text.length && shown.endsWith('…')
  return (
    <span className={className ? `inert ${className}` : 'inert'} title={cut ? `${text.length} characters, shortened` : undefined}>
      {shown}
    </span>
  )
}

/** Same rule for places that need a string (aria-labels, CSV-free summaries). */
export const inert = (text: string, max = 80): string => escapeForDisplay(text, max)
