/** Longest preview shown to an operator for any scanned or typed payload. */
export const DISPLAY_MAX_CHARS = 80

/**
 * A safe preview of untrusted text: printable ASCII stays as is; everything else becomes a visible
 * escape (`\r`, `\n`, `\t`, `\xNN`, `\u{NNNN}`) so control, bidi and zero-width characters cannot
 * reorder or hide what the operator sees (Trojan Source, CVE-2021-42574). A backslash is doubled so
 * an escape can never be faked by the payload. Cut at `max` characters with a trailing `…`.
 */
export function escapeForDisplay(text: string, max: number = DISPLAY_MAX_CHARS): string {
  let out = ''
  for (const ch of text) {
    const piece = escapeChar(ch)
    if (out.length + piece.length > max) return `${out}…`
    out += piece
  }
  return out
}

function escapeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0
  if (ch === '\\') return '\\\\'
  if (cp >= 0x20 && cp <= 0x7e) return ch
  if (ch === '\r') return '\\r'
  if (ch === '\n') return '\\n'
  if (ch === '\t') return '\\t'
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`
  return `\\u{${cp.toString(16).toUpperCase().padStart(4, '0')}}`
}
