// On an update: who owes a reply and by when (in my time), who has seen it, and when it is overdue by a working day or
// its thread has grown long, the best slot to talk live.
import { useEffect } from 'react';
import { useApi } from '../api/context';
import { useLoad } from '../components/use-load';
import { formatDateTime } from '../lib/time';

const STATE = { answered: 'answered', overdue: 'overdue', 'due-soon': 'due soon', 'on-track': 'on track' } as const;

export function RecipientsStatus({ clipId, timezone }: { clipId: string; timezone: string }) {
  const api = useApi();
  const { state, reload } = useLoad(() => api.replies.recipients({ id: clipId }), [api, clipId]);
  useEffect(() => api.on('sync:finished', reload), [api, reload]);
  useEffect(() => api.on('activity:changed', reload), [api, reload]);
  if (state.status !== 'ready' || state.value.recipients.length === 0) return null;
  const { recipients, talkLive } = state.value;
  return (
    <section className="recipients" aria-label="Replies expected" data-testid="recipients">
      <ul>
        {recipients.map((r) => (
          <li key={r.name} className={`reply-${r.state}`} data-state={r.state}>
            {r.name}: {STATE[r.state]}
            {r.replyBy && r.state !== 'answered' ? `, reply by ${formatDateTime(r.replyBy, timezone)}` : ''}
            {r.seenAt ? ' · seen' : ''}
          </li>
        ))}
      </ul>
      {talkLive ? (
        <p className="talk-live" data-testid="talk-live">
          {talkLive.text}
          {talkLive.missing.length ? ` (without ${talkLive.missing.join(', ')})` : ''}
        </p>
      ) : null}
    </section>
  );
}
