// What happened on an update, as small counted icons on its row: reactions, comments, decisions, video replies.
import type { ReactElement } from 'react';
import type { InboxClip } from '../lib/inbox-model';

const ICONS: Record<'reactions' | 'comments' | 'decisions' | 'replies', { one: string; many: string; path: ReactElement }> = {
  reactions: {
    one: 'reaction',
    many: 'reactions',
    path: <path d="M8 1.5a6.5 6.5 0 110 13 6.5 6.5 0 010-13zM5.5 9.5c.6 1.2 1.4 1.8 2.5 1.8s1.9-.6 2.5-1.8M6 6.5h.01M10 6.5h.01" />,
  },
  comments: { one: 'comment', many: 'comments', path: <path d="M2.5 3h11v7.5H7L4 13v-2.5H2.5z" /> },
  decisions: { one: 'decision', many: 'decisions', path: <path d="M3 8.5l3 3 7-7" /> },
  replies: { one: 'video reply', many: 'video replies', path: <path d="M6 4L2.5 7.5 6 11M2.5 7.5H10a3.5 3.5 0 013.5 3.5v1" /> },
};

export function RowCounts({ counts }: { counts: InboxClip['counts'] }) {
  if (!counts) return null;
  const shown = (Object.keys(ICONS) as (keyof typeof ICONS)[]).filter((k) => counts[k] > 0);
  if (shown.length === 0) return null;
  return (
    <span className="row-counts" data-testid="row-counts">
      {shown.map((k) => (
        <span key={k} className="count" title={`${counts[k]} ${counts[k] === 1 ? ICONS[k].one : ICONS[k].many}`}>
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
            {ICONS[k].path}
          </svg>
          {counts[k]}
          <span className="visually-hidden"> {counts[k] === 1 ? ICONS[k].one : ICONS[k].many}</span>
        </span>
      ))}
    </span>
  );
}
