import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { currentSegmentIndex, type Segment } from '../lib/player-keys';
import { formatDuration } from '../lib/time';
import { EmptyState } from '../components/empty-state';

/** The transcript beside the player: click a line to seek, the playing line is highlighted, find within. */
export function TranscriptPanel({ segments, currentMs, onSeek, emptyText = 'No transcript yet.' }: { segments: Segment[]; currentMs: number; onSeek: (ms: number) => void; emptyText?: string }) {
  const id = useId();
  const [find, setFind] = useState('');
  const [hit, setHit] = useState(0);
  const list = useRef<HTMLOListElement>(null);
  const current = currentSegmentIndex(segments, currentMs);
  const needle = find.trim().toLowerCase();
  const matches = useMemo(
    () => (needle ? segments.flatMap((s, i) => (s.text.toLowerCase().includes(needle) ? [i] : [])) : []),
    [segments, needle],
  );

  useEffect(() => {
    if (needle) return; // while finding, the person moves through matches instead
    list.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [current, needle]);

  function goToMatch(step: number) {
    if (matches.length === 0) return;
    const next = (hit + step + matches.length) % matches.length;
    setHit(next);
    list.current?.children[matches[next]]?.scrollIntoView({ block: 'center' });
  }

  if (segments.length === 0) return <EmptyState title="Transcript">{<p>{emptyText}</p>}</EmptyState>;
  return (
    <section className="transcript" aria-labelledby={`${id}-title`} data-testid="transcript">
      <h2 id={`${id}-title`}>Transcript</h2>
      <div className="transcript-find" role="search">
        <label htmlFor={`${id}-find`}>Find in transcript</label>
        <input
          id={`${id}-find`}
          type="search"
          value={find}
          onChange={(e) => {
            setFind(e.target.value);
            setHit(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              goToMatch(e.shiftKey ? -1 : 1);
            }
          }}
        />
        <span role="status" className="hint">
          {needle ? (matches.length ? `${Math.min(hit + 1, matches.length)} of ${matches.length}` : 'No matches') : ''}
        </span>
      </div>
      <ol ref={list} className="transcript-lines">
        {segments.map((segment, i) => (
          <li key={`${segment.startMs}-${i}`} aria-current={i === current ? 'true' : undefined} className={matches[hit] === i ? 'find-hit' : undefined}>
            <button type="button" onClick={() => onSeek(segment.startMs)}>
              <span className="timecode">{formatDuration(segment.startMs)}</span> <Highlighted text={segment.text} needle={needle} />
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Highlighted({ text, needle }: { text: string; needle: string }) {
  if (!needle) return <>{text}</>;
  const parts: { text: string; match: boolean }[] = [];
  const lower = text.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, at)) {
    if (i > at) parts.push({ text: text.slice(at, i), match: false });
    parts.push({ text: text.slice(i, i + needle.length), match: true });
    at = i + needle.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return <>{parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
