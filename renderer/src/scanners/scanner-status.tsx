import type { ScannerStatus } from '../../../shared/contract'
import { InertText } from '../common/inert-text'

const STATE_WORD: Record<ScannerStatus['state'], { word: string; icon: string; tone: string }> = {
  connected: { word: 'connected', icon: '●', tone: 'good' },
  disconnected: { word: 'disconnected', icon: '○', tone: 'bad' },
  permission_denied: { word: 'no permission', icon: '⚠', tone: 'bad' },
  unsupported_mode: { word: 'wrong mode', icon: '⚠', tone: 'warn' },
  error: { word: 'error', icon: '✖', tone: 'bad' }
}

/** Compact scanner line for the board header: each HID scanner plus the keyboard-wedge mode. */
export function ScannerStatusLine({ scanners, wedgeOn }: { scanners: ScannerStatus[]; wedgeOn: boolean }) {
  return (
    <section className="scanner-line" aria-label="Scanners">
      {scanners.length === 0 ? <span className="scanner-chip tone-info">No USB scanner (HID) found</span> : null}
      {scanners.map((s) => {
        const w = STATE_WORD[s.state]
        return (
          <span key={s.id} className={`scanner-chip tone-${w.tone}`} title={s.hint ?? undefined}>
            <span aria-hidden="true">{w.icon}</span> <InertText text={s.product ?? s.id} max={28} /> {w.word}
          </span>
        )
      })}
      <span className={`scanner-chip ${wedgeOn ? 'tone-good' : 'tone-info'}`}>
        <span aria-hidden="true">⌨</span> Keyboard wedge: {wedgeOn ? 'listening' : 'off'}
      </span>
    </section>
  )
}
