import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { InboxRow as Row } from '../lib/inbox-model';
import { InboxRow } from './inbox-row';
import { WorkdayHeader } from './workday-header';

const HEADER_PX = 64;
const ROW_PX = 76;

/** Rows from the end at which the next (older) page is asked for, so it is there before the reader gets to it. */
const NEAR_END_ROWS = 12;

/**
 * Workday headers and clip rows, virtualized against the window scroll (one scrollbar for the whole page, no nested
 * scroller): only what is on screen is in the DOM, whether there are 10 updates or 10k. `onNearEnd` asks for older
 * workdays as the reader scrolls towards the last rows.
 */
export function InboxList({ rows, viewerTimezone, onNearEnd }: { rows: Row[]; viewerTimezone: string; onNearEnd?: () => void }) {
  const list = useRef<HTMLDivElement>(null);
  const [margin, setMargin] = useState(0);
  useLayoutEffect(() => {
    // Where the list starts on the page (below the teammates and "needs your reply", which can grow), so rows line
    // up with the window scroll.
    const element = list.current;
    if (!element?.parentElement) return;
    const measure = () => setMargin(element.getBoundingClientRect().top + window.scrollY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element.parentElement);
    return () => observer.disconnect();
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (index) => (rows[index].kind === 'header' ? HEADER_PX : ROW_PX),
    getItemKey: (index) => rows[index].key,
    overscan: 6,
    scrollMargin: margin,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.length ? items[items.length - 1].index : -1;
  useEffect(() => {
    if (onNearEnd && lastShown >= rows.length - NEAR_END_ROWS) onNearEnd();
  }, [lastShown, rows.length, onNearEnd]);
  return (
    <div ref={list} role="list" aria-label="Updates by workday" className="inbox-list" data-testid="inbox-list" style={{ height: virtualizer.getTotalSize() }}>
      {items.map((item) => {
        const row = rows[item.index];
        return (
          <div
            key={item.key}
            role="listitem"
            aria-setsize={rows.length}
            aria-posinset={item.index + 1}
            className="virtual-row"
            style={{ height: item.size, transform: `translateY(${item.start - margin}px)` }}
          >
            {row.kind === 'header' ? <WorkdayHeader workday={row.workday} count={row.count} /> : <InboxRow clip={row.clip} viewerTimezone={viewerTimezone} />}
          </div>
        );
      })}
    </div>
  );
}
