import { useEffect, useRef, useState } from 'react';
import { mediaUrl } from '../api/media';
import { Player, type PlayerHandle } from '../clip/player';
import { ReactionMarkers } from '../clip/reaction-markers';
import { TranscriptPanel } from '../clip/transcript-panel';
import { useClipSource, type ClipView } from '../clip/use-clip-source';
import { ErrorState } from '../components/error-state';
import { useViewer } from '../components/use-viewer';
import { UrgencyBadge } from '../inbox/badges';
import { formatClock, formatDateTime } from '../lib/time';

export function ClipPage({ id, t }: { id: string; t: number | null }) {
  const { state, reload } = useClipSource(id);
  return (
    <article className="clip-page" aria-labelledby="page-title">
      {state.status === 'loading' ? (
        <>
          <h1 id="page-title" tabIndex={-1}>
            Update
          </h1>
          <p role="status">Loading the update…</p>
        </>
      ) : null}
      {state.status === 'error' ? (
        <>
          <h1 id="page-title" tabIndex={-1}>
            Update
          </h1>
          <ErrorState title="Could not open this update" message={state.message} onRetry={reload}>
            <p>
              <a href="#/inbox">Back to the inbox</a>
            </p>
          </ErrorState>
        </>
      ) : null}
      {state.status === 'ready' ? <ClipBody view={state.value} t={t} /> : null}
    </article>
  );
}

function ClipBody({ view, t }: { view: ClipView; t: number | null }) {
  const { viewer } = useViewer();
  const player = useRef<PlayerHandle>(null);
  const [currentMs, setCurrentMs] = useState(0);
  const [durationMs, setDurationMs] = useState<number | null>(view.clip.durationMs);
  const { clip } = view;
  const myTz = viewer?.timezone ?? clip.authorTimezone;
  const seek = (ms: number) => player.current?.seekTo(ms);
  // A search result for another moment of the clip already open changes only `?t=`: jump there.
  useEffect(() => {
    if (t !== null) player.current?.seekTo(t * 1000);
  }, [t]);
  return (
    <>
      <header className="clip-header">
        <h1 id="page-title" tabIndex={-1}>
          {clip.title || 'Untitled update'}
        </h1>
        <p className="hint">
          {clip.author} · {formatClock(clip.recordedAt, clip.authorTimezone)} their time ({clip.authorTimezone}) ·{' '}
          {formatDateTime(clip.recordedAt, myTz)} your time <UrgencyBadge urgency={clip.urgency} />
        </p>
      </header>
      {clip.ask || clip.dueAt ? (
        <section className="clip-ask" aria-label="What is asked">
          {clip.ask ? (
            <p>
              <strong>Ask:</strong> {clip.ask}
            </p>
          ) : null}
          {clip.dueAt ? (
            <p>
              <strong>Deadline:</strong> {formatDateTime(clip.dueAt, myTz)} your time
            </p>
          ) : null}
        </section>
      ) : null}
      <div className="clip-layout">
        <div>
          <Player
            ref={player}
            src={mediaUrl(clip.id, 'video.mp4')}
            captionsSrc={mediaUrl(clip.id, 'captions.vtt')}
            startAt={t}
            onTimeChange={setCurrentMs}
            onDuration={setDurationMs}
          />
          <ReactionMarkers reactions={view.reactions} durationMs={durationMs} onSeek={seek} />
        </div>
        <TranscriptPanel segments={view.segments} currentMs={currentMs} onSeek={seek} />
      </div>
    </>
  );
}
