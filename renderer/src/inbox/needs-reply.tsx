import { useState } from 'react';
import type { InboxClip } from '../lib/inbox-model';
import { InboxRow } from './inbox-row';

const COLLAPSED = 5;

/** Updates that ask something of me, by deadline (deadlines in my time). */
export function NeedsReply({ clips, viewerTimezone }: { clips: InboxClip[]; viewerTimezone: string }) {
  const [all, setAll] = useState(false);
  if (clips.length === 0) return null;
  const shown = all ? clips : clips.slice(0, COLLAPSED);
  return (
    <section className="needs-reply" aria-labelledby="needs-reply-title" data-testid="needs-reply">
      <h2 id="needs-reply-title">Needs your reply ({clips.length})</h2>
      <ul>
        {shown.map((clip) => (
          <li key={clip.id}>
            <InboxRow clip={clip} viewerTimezone={viewerTimezone} />
          </li>
        ))}
      </ul>
      {clips.length > COLLAPSED ? (
        <button type="button" className="link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${clips.length}`}
        </button>
      ) : null}
    </section>
  );
}
