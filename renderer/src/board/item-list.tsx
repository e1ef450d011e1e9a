import { useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { Item } from '../../../shared/contract'
import { ItemRow } from './item-row'

interface Props {
  items: Item[]
  label: string
  onRemove?: (item: Item) => void
  removeDisabled?: boolean
  showResult?: boolean
}

/**
 * Virtualized list: only the rows in view (plus overscan) are in the DOM, so 10,000 items cost the
 * same to render as 20. Row heights vary (kit cards, flags) and are measured after render.
 */
export function ItemList({ items, label, onRemove, removeDisabled, showResult }: Props) {
  const parent = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => parent.current,
    estimateSize: (i) => estimate(items[i]),
    getItemKey: (i) => items[i]?.id ?? i,
    overscan: 6
  })
  if (items.length === 0) {
    return (
      <div className="item-list empty" role="region" aria-label={label}>
        <p>Nothing here yet.</p>
      </div>
    )
  }
  return (
    <div ref={parent} className="item-list" role="region" aria-label={label} tabIndex={0}>
      <div className="item-list-inner" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {virtualizer.getVirtualItems().map((v) => {
          const item = items[v.index]
          if (!item) return null
          return (
            <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="item-slot" style={{ transform: `translateY(${v.start}px)` }}>
              <ItemRow item={item} onRemove={onRemove} removeDisabled={removeDisabled} showResult={showResult} />
            </div>
          )
        })}
      </div>
    </div>
  )
}

function estimate(item: Item | undefined): number {
  if (!item) return 64
  let h = 64
  if (item.kit) h += 56
  for (const f of item.flags) h += 34 + 26 * Math.min(f.guidance.length, 5)
  return h
}
