/** How {@link decodePayloadBytes} read the bytes. */
export type PayloadEncoding = 'utf-8' | 'latin1'

/**
 * Turn raw scanner bytes (HID POS report data) into text: strict UTF-8 when the bytes are valid
 * UTF-8, else ISO-8859-1 byte for byte. QR byte mode without ECI has no defined charset, so this is
 * a guess; Latin-1 is done by hand because `TextDecoder('latin1')` is really windows-1252 in both
 * browsers and Node (WHATWG Encoding), which would hide C1 control bytes the parser must see.
 * A BOM is kept (ignoreBOM) so the parser rejects it as a zero-width character instead of it
 * vanishing silently.
 */
export function decodePayloadBytes(bytes: Uint8Array): { text: string; encoding: PayloadEncoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    return { text, encoding: 'utf-8' }
  } catch {
    let text = ''
    for (const b of bytes) text += String.fromCharCode(b)
    return { text, encoding: 'latin1' }
  }
}
