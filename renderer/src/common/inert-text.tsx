import { escapeForDisplay } from '../../../shared/payload/display'

/** Characters that can hide or reorder text: C0/C1 controls, bidi controls, zero-width and BOM. */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu

/**
 * Human text (project names, operator names, DT messages): printable Unicode stays readable
 * ("Oslo Warehouse – Receiving", "Bodø"), but control, bidi and zero-width characters become
 * visible `\u{…}` escapes and the length is capped with a visible "…". Scanned codes use
 * {@link escapeForDisplay} instead, which also escapes look-alike letters.
 */
export function safeLabel(text: string, max = 120): string {
  const cps = Array.from(text)
  const cut = cps.length > max
  const shown = (cut ? cps.slice(0, max).join('') : text).replace(HIDDEN, (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`)
  return cut ? `${shown}…` : shown
}

/**
 * Untrusted text as a plain React text node (never markup), capped and with hidden characters made
 * visible, so a 1 MB string or a Trojan-Source payload can neither flood nor reorder the screen.
 * `code`: a scanned or typed identifier, shown with the parser's stricter escaping.
 */
export function InertText({ text, max = 80, className, code }: { text: string; max?: number; className?: string; code?: boolean }) {
  const shown = code ? escapeForDisplay(text, max) : safeLabel(text, max)
  const cut = text.length > max
  return (
    <span className={className ? `inert ${className}` : 'inert'} title={cut ? `shortened from ${text.length} characters` : undefined}>
      {shown}
    </span>
  )
}

/** Same rules for places that need a string (aria-labels). */
export const inert = (text: string, max = 80): string => safeLabel(text, max)
/** A scanned identifier as a string (aria-labels of rows and buttons). */
export const inertCode = (text: string, max = 40): string => escapeForDisplay(text, max)
