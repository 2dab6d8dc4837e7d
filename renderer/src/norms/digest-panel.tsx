// The start-of-day digest on top of the inbox, until dismissed: what arrived since the end of my previous workday,
// what is due today, what is overdue, the decisions made. It comes back at the start of my next workday.
import { useEffect } from 'react';
import { useApi } from '../api/context';
import { useLoad } from '../components/use-load';
import { clipHref } from '../lib/route';
import { formatDateTime } from '../lib/time';

export function DigestPanel({ timezone }: { timezone: string }) {
  const api = useApi();
  const { state, reload } = useLoad(() => api.digest.get({}), [api]);
  useEffect(() => api.on('sync:finished', reload), [api, reload]);
  useEffect(() => api.on('activity:changed', reload), [api, reload]);
  if (state.status !== 'ready' || state.value.dismissed) return null;
  const digest = state.value;
  const empty = !digest.arrived.length && !digest.dueToday.length && !digest.overdue.length && !digest.decisions.length;
  if (empty) return null;
  const dismiss = () => void api.digest.dismiss({}).then(reload, reload);
  return (
    <section className="digest" aria-labelledby="digest-title" data-testid="digest">
      <h2 id="digest-title">Since your last workday</h2>
      {digest.overdue.length ? (
        <>
          <h3 className="reply-overdue">Overdue ({digest.overdue.length})</h3>
          <ul>
            {digest.overdue.map((a) => (
              <li key={a.id}>
                <a href={clipHref(a.id)}>{a.title || 'Untitled update'}</a> — {a.author}
                {a.replyBy ? `, reply was due ${formatDateTime(a.replyBy, timezone)}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {digest.dueToday.length ? (
        <>
          <h3>Due today ({digest.dueToday.length})</h3>
          <ul>
            {digest.dueToday.map((a) => (
              <li key={a.id}>
                <a href={clipHref(a.id)}>{a.title || 'Untitled update'}</a> — {a.author}
                {a.replyBy ? `, reply by ${formatDateTime(a.replyBy, timezone)}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {digest.arrived.length ? <p>{digest.arrived.length === 1 ? '1 new update' : `${digest.arrived.length} new updates`} arrived.</p> : null}
      {digest.decisions.length ? (
        <>
          <h3>Decisions ({digest.decisions.length})</h3>
          <ul>
            {digest.decisions.map((d, i) => (
              <li key={`${d.clipId}-${i}`}>
                <strong>{d.text}</strong> — {d.author} on <a href={clipHref(d.clipId)}>{d.title || 'Untitled update'}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <button type="button" onClick={dismiss} data-testid="digest-dismiss">
        Dismiss until tomorrow
      </button>
    </section>
  );
}
