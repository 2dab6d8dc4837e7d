// Reactions at the current moment, the replies thread and who has seen the update.
import { useState, type FormEvent } from 'react';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { clipHref, recordReplyHref } from '../lib/route';
import { formatDateTime, formatDuration } from '../lib/time';
import type { Load } from '../components/use-load';
import type { ClipEvent, ReplyItem } from './use-clip-source';
import { Emoji, REACTION_EMOJI } from '../design/emoji';


export function ReactionPicker({ clipId, currentMs, onAdded }: { clipId: string; currentMs: number; onAdded: () => void }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const at = Math.max(0, Math.floor(currentMs));
  return (
    <div className="reaction-picker" role="group" aria-label={`React at ${formatDuration(at) ?? '0:00'}`}>
      <span className="hint">React at {formatDuration(at) ?? '0:00'}:</span>
      {REACTION_EMOJI.map((emoji) => (
        <button
          key={emoji}
          type="button"
          className="emoji-button"
          aria-label={`React ${emoji} at ${formatDuration(at) ?? '0:00'}`}
          onClick={() => api.events.add({ clipId, kind: 'reaction', atMs: at, emoji }).then(onAdded, (e: unknown) => setError(errorMessage(e)))}
        >
          <Emoji emoji={emoji} />
        </button>
      ))}
      {error ? <p role="alert" className="field-error">{error}</p> : null}
    </div>
  );
}

export function RepliesThread({ clipId, replies: load, viewerTimezone }: { clipId: string; replies: Load<ReplyItem[]>; viewerTimezone: string }) {
  const replies = load.status === 'ready' ? load.value : [];
  return (
    <section className="replies" aria-labelledby="replies-title" data-testid="replies">
      <h2 id="replies-title">Replies</h2>
      {load.status === 'loading' ? <p role="status" className="hint">Looking for replies…</p> : null}
      {load.status === 'error' ? <p role="alert" className="field-error">Could not load replies: {load.message}</p> : null}
      {load.status === 'ready' && replies.length === 0 ? <p className="hint">No replies yet.</p> : null}
      <ol>
        {replies.map((r) => (
          <li key={r.id}>
            <a href={clipHref(r.id)}>{r.title || 'Untitled reply'}</a> <span className="hint">{r.author} · {formatDateTime(r.recordedAt, viewerTimezone)}</span>
          </li>
        ))}
      </ol>
      <a className="button" href={recordReplyHref(clipId)}>
        Record a video reply
      </a>
    </section>
  );
}

export function SeenBy({ events, viewerTimezone }: { events: ClipEvent[]; viewerTimezone: string }) {
  const seen = new Map<string, string>();
  for (const e of events) if (e.kind === 'seen' && !seen.has(e.author)) seen.set(e.author, e.createdAt);
  return (
    <p className="hint seen-by" data-testid="seen-by">
      {seen.size === 0 ? 'Not seen by anyone yet.' : `Seen by ${[...seen].map(([who, at]) => `${who} (${formatDateTime(at, viewerTimezone)})`).join(', ')}`}
    </p>
  );
}

export function DecisionForm({ clipId, currentMs, onAdded }: { clipId: string; currentMs: number; onAdded: () => void }) {
  const api = useApi();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    api.events.add({ clipId, kind: 'decision', text: text.trim(), atMs: Math.floor(currentMs) }).then(
      () => (setText(''), onAdded()),
      (e: unknown) => setError(errorMessage(e)),
    );
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor="decision-text">Record a decision</label>
      <input id="decision-text" value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
      <button type="submit">Add decision</button>
      {error ? <p role="alert" className="field-error">{error}</p> : null}
    </form>
  );
}
