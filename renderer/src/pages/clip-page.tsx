import { useCallback, useEffect, useRef, useState } from 'react';
import { mediaUrl } from '../api/media';
import { Player, type PlayerHandle } from '../clip/player';
import { ReactionMarkers } from '../clip/reaction-markers';
import { TranscriptPanel } from '../clip/transcript-panel';
import { useClipSource, type ClipView, type JobSummary, type ReplyItem } from '../clip/use-clip-source';
import type { Load } from '../components/use-load';
import { ClipActions } from '../clip/clip-actions';
import { DecisionForm, ReactionPicker, RepliesThread, SeenBy } from '../clip/clip-social';
import { SharePanel } from '../clip/share-panel';
import { TranscriptionStatus } from '../clip/transcription-status';
import { useApi } from '../api/context';
import { ErrorState } from '../components/error-state';
import { useViewer } from '../components/use-viewer';
import { RecipientsStatus } from '../norms/recipients-status';
import { UrgencyBadge } from '../inbox/badges';
import { formatClock, formatDateTime, formatForViewer } from '../lib/time';
import { Person } from '../design/avatar';
import { useNow } from '../components/use-now';
import { asksSomething } from '../../../shared/inbox';
import { CommentsThread } from '../clip/comments';
import { DraftPanel } from '../clip/draft-panel';
import { useQuickLink } from '../clip/quick-link';
import { useLoad } from '../components/use-load';
import { useTitleSuggestion } from '../record/use-title-suggestion';
import { ClipEditor } from '../clip/editor/clip-editor';
import { MediaPanel, MediaUnavailable, useMediaStatus } from '../clip/media-state';

export function ClipPage({ id, t }: { id: string; t: number | null }) {
  const { state, reload, job, replies } = useClipSource(id);
  const api = useApi();
  // Opening a teammate's update marks it seen (the first time only: the core keeps one per person); a failure here
  // must not block watching it. My own updates are not "seen" by me.
  const teammates = state.status === 'ready' && state.value.clip.source === 'workspace';
  useEffect(() => {
    if (!teammates) return;
    api.events.add({ clipId: id, kind: 'seen' }).then(
      () => undefined,
      () => undefined,
    );
  }, [api, id, teammates]);
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
      {state.status === 'ready' ? <ClipBody view={state.value} t={t} job={job} reload={reload} replies={replies} /> : null}
    </article>
  );
}

function ClipBody({ view, t, job, reload, replies }: { view: ClipView; t: number | null; job: JobSummary | null; reload: () => void; replies: Load<ReplyItem[]> }) {
  const { viewer } = useViewer();
  const now = useNow();
  const player = useRef<PlayerHandle>(null);
  const [currentMs, setCurrentMs] = useState(0);
  const [durationMs, setDurationMs] = useState<number | null>(view.clip.durationMs);
  const { clip } = view;
  const myTz = viewer?.timezone ?? clip.authorTimezone;
  const api = useApi();
  const mine = clip.source !== 'workspace';
  const draft = mine && clip.publishedAt === null;
  const suggestion = useTitleSuggestion(api, draft ? clip.id : null);
  const link = useQuickLink(draft ? clip.id : null, { create: false });
  const me = useLoad(async () => {
    const [profile, { people }] = await Promise.all([api.profile.get(), api.people.list()]);
    return { id: profile.id, people: people.filter((p) => !p.isMe).map((p) => ({ name: p.name, timezone: p.timezone })) };
  }, [api]);
  const meId = me.state.status === 'ready' ? me.state.value.id : null;
  const seek = (ms: number) => player.current?.seekTo(ms);
  const getVideo = useCallback(() => player.current?.video() ?? null, []);
  // A teammate's video may stream from the workspace, be syncing, or be gone: asked before a player is shown.
  const media = useMediaStatus(clip.id);
  const mediaState = media.status.status === 'ready' ? media.status.value.state : null;
  const playable = mine || mediaState === 'local' || mediaState === 'cached' || mediaState === 'remote';
  // A search result for another moment of the clip already open changes only `?t=`: jump there.
  useEffect(() => {
    if (t !== null) player.current?.seekTo(t * 1000);
  }, [t]);
  return (
    <>
      <header className="clip-header">
        <h1 id="page-title" tabIndex={-1}>
          {clip.title || (draft ? 'New recording' : 'Untitled update')}
          {draft ? (
            <span className="badge draft-badge" data-testid="draft-badge">
              Draft
            </span>
          ) : null}
        </h1>
        <p className="clip-byline">
          <Person name={clip.author} size="lg" />
          <span className="hint">
            {mine || clip.authorTimezone === myTz ? (
              <>{formatDateTime(clip.recordedAt, myTz)}</>
            ) : (
              <>
                {formatClock(clip.recordedAt, clip.authorTimezone)} their time ({clip.authorTimezone}) · {formatDateTime(clip.recordedAt, myTz)} your time
              </>
            )}
          </span>{' '}
          <UrgencyBadge urgency={clip.urgency} />
        </p>
        {clip.replyTo ? (
          <p className="hint">
            A reply to <a href={`#/clip/${encodeURIComponent(clip.replyTo)}`}>an earlier update</a>.
          </p>
        ) : null}
        {/* Rename and Delete are the author's: a teammate's update is theirs to change. */}
        {mine ? <ClipActions clipId={clip.id} title={clip.title} onChanged={reload} /> : null}
      </header>
      {draft ? (
        <DraftPanel
          clip={clip}
          people={me.state.status === 'ready' ? me.state.value.people : []}
          viewerTimezone={myTz}
          suggestion={suggestion}
          link={link}
          onPublished={reload}
        />
      ) : null}
      {clip.context ? (
        <p className="clip-context">
          <strong>Context:</strong> {clip.context}
        </p>
      ) : null}
      {clip.ask || clip.dueAt ? (
        <section className="clip-ask" aria-label="What is asked">
          {clip.ask ? (
            <p>
              <strong>Ask:</strong> {clip.ask}
            </p>
          ) : null}
          {clip.dueAt ? (
            <p>
              <strong>Deadline:</strong> {formatDateTime(clip.dueAt, myTz)} your time <span className="hint">({formatForViewer(clip.dueAt, now, myTz)})</span>
            </p>
          ) : null}
        </section>
      ) : null}
      {clip.ask || clip.dueAt || clip.urgency !== 'fyi' ? <RecipientsStatus clipId={clip.id} timezone={myTz} /> : null}
      {mine && clip.state === 'ready' ? (
        <ClipEditor clipId={clip.id} segments={view.transcript.segments} currentMs={currentMs} video={getVideo} onSeek={seek} startAt={t} />
      ) : null}
      <div className="clip-layout">
        <div>
          {playable ? (
            <Player
              ref={player}
              src={mediaUrl(clip.id, 'video.mp4')}
              captionsSrc={view.segments.length > 0 ? mediaUrl(clip.id, 'captions.vtt') : undefined}
              captionsLanguage={clip.language}
              startAt={t}
              onTimeChange={setCurrentMs}
              onDuration={setDurationMs}
              onError={media.reload}
            />
          ) : media.status.status === 'ready' ? (
            <MediaUnavailable status={media.status.value} />
          ) : media.status.status === 'error' ? (
            <p role="alert" className="player-error">
              {media.status.message}
            </p>
          ) : (
            <p role="status">Looking for the video…</p>
          )}
          {!mine && media.status.status === 'ready' ? <MediaPanel status={media.status.value} fetching={media.fetching} /> : null}
          <ReactionMarkers reactions={view.reactions} durationMs={durationMs} onSeek={seek} />
          <ReactionPicker clipId={clip.id} currentMs={currentMs} onAdded={reload} />
          <SeenBy events={view.events} viewerTimezone={myTz} />
        </div>
        <div>
          <TranscriptionStatus clipId={clip.id} transcript={view.transcript} job={job} />
          <TranscriptPanel segments={view.segments} currentMs={currentMs} onSeek={seek} />
        </div>
      </div>
      <SharePanel clipId={clip.id} viewerTimezone={myTz} />
      <section aria-labelledby="decisions-title" className="clip-decisions">
        <h2 id="decisions-title">Decisions</h2>
        {clip.decisions.length === 0 ? <p className="hint">No decisions recorded on this update.</p> : null}
          <ul>
            {clip.decisions.map((d) => (
              <li key={d.id}>
                {d.text} <span className="hint">— {d.author}, {formatDateTime(d.createdAt, myTz)}</span>
              </li>
            ))}
          </ul>
        <DecisionForm clipId={clip.id} currentMs={currentMs} onAdded={reload} />
      </section>
      <CommentsThread
        clipId={clip.id}
        events={view.events}
        currentMs={currentMs}
        viewerTimezone={myTz}
        onSeek={seek}
        onAdded={reload}
        asksMe={!mine && asksSomething(clip)}
        meId={meId}
      />
      <RepliesThread clipId={clip.id} replies={replies} viewerTimezone={myTz} />
    </>
  );
}
