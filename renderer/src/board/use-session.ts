import { useCallback, useEffect, useRef, useState } from 'react'
import type { Item, Session } from '../../../shared/contract'
import { errorText, invoke, on } from '../dock-client'
import { isProblem, sortItems } from './item-model'

export interface SessionState {
  session: Session | null
  items: Item[]
  error: string | null
  loading: boolean
  reload: () => void
  /** Replace the whole view (answers of removeItem / undoLast). */
  apply: (view: { session: Session; items: Item[] }) => void
}

/**
 * One session's preview, kept live from `session.changed`. Changes are merged once per animation
 * frame: at 20 scans/s the board re-sorts at most once per frame instead of once per event.
 */
export function useSession(sessionId: string | null): SessionState {
  const [session, setSession] = useState<Session | null>(null)
  const [items, setItems] = useState<Item[]>([])
  const [error, setError] = useState<string | null>(null)
  const map = useRef(new Map<string, Item>())
  const pending = useRef<{ session: Session | null; upserts: Item[]; removed: string[] }>({ session: null, upserts: [], removed: [] })
  const frame = useRef<number | null>(null)

  const apply = useCallback((view: { session: Session; items: Item[] }) => {
    map.current = new Map(view.items.map((i) => [i.id, i]))
    setSession(view.session)
    setItems(sortItems(map.current.values()))
  }, [])

  const reload = useCallback(() => {
    if (!sessionId) return
    invoke('session.get', { sessionId }).then(
      (view) => {
        apply(view)
        setError(null)
      },
      (err: unknown) => setError(errorText(err))
    )
  }, [sessionId, apply])

  // A different session: drop the old view during render (React's "reset state on prop change").
  const [viewOf, setViewOf] = useState(sessionId)
  if (viewOf !== sessionId) {
    setViewOf(sessionId)
    setSession(null)
    setItems([])
    setError(null)
  }

  useEffect(() => {
    map.current = new Map()
    reload()
  }, [reload])

  useEffect(() => {
    if (!sessionId) return
    const flush = () => {
      frame.current = null
      const p = pending.current
      pending.current = { session: null, upserts: [], removed: [] }
      // The common case while scanning: only brand-new, unproblematic, newest items. They go right
      // after the problems without re-sorting 10,000 rows.
      const fresh = p.removed.length === 0 && p.upserts.every((it) => !map.current.has(it.id))
      for (const id of p.removed) map.current.delete(id)
      for (const it of p.upserts) map.current.set(it.id, it)
      if (p.session) setSession(p.session)
      setItems((cur) => (fresh ? prependFresh(cur, p.upserts) : null) ?? sortItems(map.current.values()))
    }
    const off = on('session.changed', (c) => {
      if (c.session.id !== sessionId) return
      const p = pending.current
      p.session = c.session
      // A later upsert of a removed id revives it; a later removal wins over an earlier upsert.
      for (const it of c.upserts) p.upserts.push(it)
      for (const id of c.removed) {
        p.removed.push(id)
        p.upserts = p.upserts.filter((u) => u.id !== id)
      }
      if (frame.current === null) frame.current = requestAnimationFrame(flush)
    })
    return () => {
      off()
      if (frame.current !== null) cancelAnimationFrame(frame.current)
      frame.current = null
    }
  }, [sessionId])

  const loading = sessionId !== null && session === null && error === null
  return { session, items, error, loading, reload, apply }
}

/**
 * `cur` with new items inserted after the problems, or null when that would not give the sorted
 * order (a new problem, or an item older than the newest one shown).
 */
function prependFresh(cur: Item[], fresh: Item[]): Item[] | null {
  if (fresh.length === 0) return cur
  if (fresh.some(isProblem)) return null
  let problems = 0
  while (problems < cur.length && isProblem(cur[problems] as Item)) problems++
  const newestShown = cur[problems]?.scannedAt
  const sorted = sortItems(fresh)
  const oldestFresh = sorted[sorted.length - 1]?.scannedAt ?? ''
  if (newestShown !== undefined && oldestFresh < newestShown) return null
  return cur.slice(0, problems).concat(sorted, cur.slice(problems))
}
