// Text comments on an update: a thread per top-level comment (one level of replies), optionally at a video time, text
// shown as text with its links clickable, and "Mark done" when the update asks something of me.
import { useId, useState, type FormEvent } from 'react';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { linkParts, threadComments } from '../lib/team-text';
import { formatDateTime, formatDuration } from '../lib/time';
import type { ClipEvent } from './use-clip-source';

const MAX = 5_000;

function CommentText({ text }: { text: string }) {
  return (
    <span className="comment-text">
      {linkParts(text).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="noreferrer noopener">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}

function CommentForm({ clipId, parentId, currentMs, onAdded, label }: { clipId: string; parentId: string | null; currentMs: number; onAdded: () => void; label: string }) {
  const api = useApi();
  const id = useId();
  const [text, setText] = useState('');
  const [atTime, setAtTime] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const at = Math.max(0, Math.floor(currentMs));
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    api.events
      .add({ clipId, kind: 'comment', text: text.trim(), ...(parentId ? { parentId } : {}), ...(atTime && !parentId ? { atMs: at } : {}) })
      .then(
        () => (setText(''), setAtTime(false), onAdded()),
        (e: unknown) => setError(errorMessage(e)),
      )
      .finally(() => setBusy(false));
  }
  return (
    <form className="comment-form" onSubmit={submit}>
      <label htmlFor={`${id}-text`}>{label}</label>
      <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} maxLength={MAX} rows={parentId ? 2 : 3} />
      {text.length > MAX - 500 ? <p className="hint">{MAX - text.length} characters left</p> : null}
      {parentId ? null : (
        <label className="check">
          <input type="checkbox" checked={atTime} onChange={(e) => setAtTime(e.target.checked)} />
          At {formatDuration(at) ?? '0:00'} in the video
        </label>
      )}
      <button type="submit" disabled={busy || !text.trim()}>
        {parentId ? 'Send reply' : 'Add comment'}
      </button>
      {error ? <p role="alert" className="field-error">{error}</p> : null}
    </form>
  );
}

function CommentItem({ comment, viewerTimezone, onSeek }: { comment: ClipEvent; viewerTimezone: string; onSeek: (ms: number) => void }) {
  return (
    <div className="comment" data-testid="comment" data-event-id={comment.id}>
      <p className="comment-meta hint">
        <strong>{comment.author}</strong> · {formatDateTime(comment.createdAt, viewerTimezone)}
        {comment.atMs !== null ? (
          <>
            {' '}
            ·{' '}
            <button type="button" className="link-button" onClick={() => onSeek(comment.atMs ?? 0)}>
              at {formatDuration(comment.atMs) ?? '0:00'}
            </button>
          </>
        ) : null}
      </p>
      <p>
        <CommentText text={comment.text ?? ''} />
      </p>
    </div>
  );
}

export function CommentsThread(props: {
  clipId: string;
  events: ClipEvent[];
  currentMs: number;
  viewerTimezone: string;
  onSeek: (ms: number) => void;
  onAdded: () => void;
  /** The update asks something of me: offer "Mark done". */
  asksMe: boolean;
  meId: string | null;
}) {
  const api = useApi();
  const [replyingTo, setReplyingTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const threads = threadComments(props.events.filter((e) => e.kind === 'comment'));
  const done = props.events.find((e) => e.kind === 'done' && e.authorId === props.meId);
  // A comment, decision or video reply of mine already answers the ask: "Mark done" would add nothing.
  const answered = props.events.some((e) => e.authorId === props.meId && (e.kind === 'comment' || e.kind === 'decision' || e.kind === 'reply'));
  return (
    <section className="comments" aria-labelledby="comments-title" data-testid="comments">
      <h2 id="comments-title">Comments</h2>
      {props.asksMe ? (
        <p className="mark-done">
          {done ? (
            <span data-testid="marked-done">You marked this done {formatDateTime(done.createdAt, props.viewerTimezone)}.</span>
          ) : answered ? (
            <span className="hint" data-testid="answered">You have answered this update.</span>
          ) : (
            <button type="button" onClick={() => api.events.add({ clipId: props.clipId, kind: 'done' }).then(props.onAdded, (e: unknown) => setError(errorMessage(e)))}>
              Mark done
            </button>
          )}
        </p>
      ) : null}
      {error ? <p role="alert" className="field-error">{error}</p> : null}
      {threads.length === 0 ? <p className="hint">No comments yet.</p> : null}
      <ol className="comment-threads">
        {threads.map(({ comment, replies }) => (
          <li key={comment.id}>
            <CommentItem comment={comment} viewerTimezone={props.viewerTimezone} onSeek={props.onSeek} />
            {replies.length > 0 ? (
              <ol className="comment-replies" aria-label={`Replies to ${comment.author}`}>
                {replies.map((r) => (
                  <li key={r.id}>
                    <CommentItem comment={r} viewerTimezone={props.viewerTimezone} onSeek={props.onSeek} />
                  </li>
                ))}
              </ol>
            ) : null}
            {replyingTo === comment.id ? (
              <CommentForm clipId={props.clipId} parentId={comment.id} currentMs={props.currentMs} label={`Reply to ${comment.author}`} onAdded={() => (setReplyingTo(null), props.onAdded())} />
            ) : (
              <button type="button" className="link-button" onClick={() => setReplyingTo(comment.id)}>
                Reply
              </button>
            )}
          </li>
        ))}
      </ol>
      <CommentForm clipId={props.clipId} parentId={null} currentMs={props.currentMs} label="Add a comment" onAdded={props.onAdded} />
    </section>
  );
}
