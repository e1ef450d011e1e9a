import { useEffect, useState } from 'react'
import type { EventPayload } from '../../../shared/contract'
import { InertText } from '../common/inert-text'
import { on } from '../dock-client'
import { ErrorBox } from '../common/error-box'
import { useScanners } from '../scanners/use-scanners'

type TestScan = EventPayload<'scanner.test'> & { at: string }

/** Scanners page: every HID scanner with its state and hint, and a live view of decoded scans. */
export function ScannerTest() {
  const { scanners, error, refresh } = useScanners()
  const [scans, setScans] = useState<TestScan[]>([])
  useEffect(
    () =>
      on('scanner.test', (s) => {
        setScans((cur) => [{ ...s, at: new Date().toLocaleTimeString() }, ...cur].slice(0, 20))
        // Scan counters change with every scan but are only pushed on connect/disconnect.
        refresh()
      }),
    [refresh]
  )
  return (
    <section className="settings-section" aria-labelledby="scanners-title">
      <h2 id="scanners-title">Scanners</h2>
      <ErrorBox error={error} />
      {scanners.length === 0 ? <p>No USB HID scanner found. Scanners in keyboard mode work through the keyboard wedge.</p> : null}
      {scanners.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Scanner</th>
              <th scope="col">USB id</th>
              <th scope="col">State</th>
              <th scope="col">Scans</th>
              <th scope="col">Repeats dropped</th>
              <th scope="col">What to do</th>
            </tr>
          </thead>
          <tbody>
            {scanners.map((s) => (
              <tr key={s.id}>
                <td><InertText text={s.product ?? s.path} max={40} /></td>
                <td className="mono">
                  {hex(s.vendorId)}:{hex(s.productId)}
                </td>
                <td>{s.state === 'connected' ? '● connected' : `⚠ ${s.state.replace('_', ' ')}`}</td>
                <td>{s.scans}</td>
                <td>{s.droppedRepeats}</td>
                <td>{s.hint ? <InertText text={s.hint} max={200} /> : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h3>Live test – scan anything</h3>
      <div className="scan-test" role="log" aria-label="Live scanner test" aria-live="polite">
        {scans.length === 0 ? <p>Waiting for a scan…</p> : null}
        {scans.map((s, i) => (
          <div key={i} className="scan-test-row">
            <span className="scan-test-time">{s.at}</span>
            <InertText className="scan-test-text" text={s.text} max={80} code />
            <span>AIM {s.aim ? <InertText text={s.aim} max={8} /> : 'none'}</span>
            <InertText className="mono small-text" text={s.rawHex} max={120} />
          </div>
        ))}
      </div>
    </section>
  )
}

const hex = (n: number) => n.toString(16).padStart(4, '0')
