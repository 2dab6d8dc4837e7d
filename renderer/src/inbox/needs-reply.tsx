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

/** My recordings not published yet: only I can see them until I publish them from their page. */
export function Drafts({ clips, viewerTimezone }: { clips: InboxClip[]; viewerTimezone: string }) {
  if (clips.length === 0) return null;
  return (
    <section className="drafts" aria-labelledby="drafts-title" data-testid="drafts">
      <h2 id="drafts-title">Your drafts ({clips.length})</h2>
      <p className="hint">Not published yet: open one to add the ask and publish it.</p>
      <ul>
        {clips.map((clip) => (
          <li key={clip.id}>
            <InboxRow clip={clip} viewerTimezone={viewerTimezone} />
          </li>
        ))}
      </ul>
    </section>
  );
}
