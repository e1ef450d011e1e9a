import { escapeForDisplay } from '../../../shared/payload/display'

/** Characters that can hide or reorder text: C0/C1 controls, bidi controls, zero-width and BOM. */
function isHidden(cp: number): boolean {
  return (
    cp <= 0x1f ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x061c ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    cp === 0xfeff
  )
}

/**
 * Human text (project names, operator names, DT messages): printable Unicode stays readable
 * ("Oslo Warehouse – Receiving", "Bodø"), but control, bidi and zero-width characters become
 * visible `\u{…}` escapes and the length is capped with a visible "…". Scanned codes use
 * {@link escapeForDisplay} instead, which also escapes look-alike letters.
 */
export function safeLabel(text: string, max = 120): string {
  let out = ''
  let n = 0
  for (const ch of text) {
    if (n === max) return `${out}…`
    const cp = ch.codePointAt(0) ?? 0
    out += isHidden(cp) ? `\\u{${cp.toString(16).toUpperCase().padStart(4, '0')}}` : ch
    n++
  }
  return out
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
