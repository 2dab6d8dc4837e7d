import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { InboxRow as Row } from '../lib/inbox-model';
import { InboxRow } from './inbox-row';
import { WorkdayHeader } from './workday-header';

const HEADER_PX = 64;
const ROW_PX = 76;

/** Workday headers and clip rows in one virtualized scroller: only what is on screen is in the DOM. */
export function InboxList({ rows, viewerTimezone }: { rows: Row[]; viewerTimezone: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (rows[index].kind === 'header' ? HEADER_PX : ROW_PX),
    getItemKey: (index) => rows[index].key,
    overscan: 6,
  });
  return (
    <div ref={scroller} className="inbox-scroller" data-testid="inbox-list">
      <div role="list" aria-label="Updates by workday" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          return (
            <div
              key={item.key}
              role="listitem"
              aria-setsize={rows.length}
              aria-posinset={item.index + 1}
              className="virtual-row"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {row.kind === 'header' ? <WorkdayHeader workday={row.workday} count={row.count} /> : <InboxRow clip={row.clip} viewerTimezone={viewerTimezone} />}
            </div>
          );
        })}
      </div>
    </div>
  );
}
