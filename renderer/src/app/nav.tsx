export type Screen = 'start' | 'board' | 'review' | 'audit' | 'settings'

export const SCREENS: { id: Screen; label: string; key: string }[] = [
  { id: 'start', label: 'Start', key: '1' },
  { id: 'board', label: 'Scanning board', key: '2' },
  { id: 'review', label: 'Review & claim', key: '3' },
  { id: 'audit', label: 'Audit log', key: '4' },
  { id: 'settings', label: 'Settings', key: '5' }
]

/** Main navigation; Alt+1…5 switch screens from anywhere (shown on each tab). */
export function Nav({ screen, onGo }: { screen: Screen; onGo: (s: Screen) => void }) {
  return (
    <nav aria-label="Screens" className="nav">
      <ul>
        {SCREENS.map((s) => (
          <li key={s.id}>
            <button type="button" aria-current={screen === s.id ? 'page' : undefined} onClick={() => onGo(s.id)}>
              {s.label} <kbd aria-hidden="true">Alt+{s.key}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
