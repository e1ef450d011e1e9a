import { InertText } from './inert-text'

/** DT's guidance lines for a problem (at most five, each rendered as inert text). */
export function GuidanceList({ lines }: { lines: readonly string[] }) {
  if (lines.length === 0) return null
  return (
    <ul className="guidance">
      {lines.slice(0, 5).map((g, i) => (
        <li key={i}>
          <InertText text={g} max={240} />
        </li>
      ))}
    </ul>
  )
}
