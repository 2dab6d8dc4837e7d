import { memo } from 'react';
import { Avatar } from '../design/avatar';
import type { InboxClip } from '../lib/inbox-model';
import { clipHref } from '../lib/route';
import { displayLocalTime, formatDateTime, formatDuration, formatForViewer } from '../lib/time';
import { useNow } from '../components/use-now';
import { TranscriptBadge, UrgencyBadge } from './badges';
import { RowCounts } from './row-counts';
import { Thumbnail } from './thumbnail';
import { ReplyBy } from '../norms/reply-by';

/** "due Thu 26 Nov, 17:00 · in 12 h, your night": the absolute time and how far it is, in my day. */
function Due({ at, viewerTimezone }: { at: string; viewerTimezone: string }) {
  const now = useNow(60_000);
  return (
    <span className="row-when">
      due {formatDateTime(at, viewerTimezone)} <span className="row-relative">· {formatForViewer(at, now, viewerTimezone)}</span>
    </span>
  );
}

export const InboxRow = memo(function InboxRow({ clip, viewerTimezone }: { clip: InboxClip; viewerTimezone: string }) {
  const duration = formatDuration(clip.durationMs);
  const sender = displayLocalTime(clip.senderLocalTime);
  const mine = displayLocalTime(clip.viewerLocalTime);
  // My own updates, and a teammate in my zone, have one time: "their time" only when it differs from mine.
  const sameZone = clip.mine === true || clip.authorTimezone === viewerTimezone || sender === mine;
  return (
    <a className="inbox-row" href={clipHref(clip.id)} data-testid="inbox-row" data-clip-id={clip.id}>
      <Thumbnail clipId={clip.id} />
      <span className="row-main">
        <span className="row-title">
          {clip.unread ? <span className="unread-dot" role="img" aria-label="Unread" /> : null}
          {clip.title || 'Untitled update'}
        </span>
        <span className="row-meta">
          <span className="row-sender person">
            <Avatar name={clip.author} />
            {clip.author}
          </span>
          {sameZone ? (
            <span>{mine}</span>
          ) : (
            <>
              <span title={clip.authorTimezone}>{sender} their time</span>
              <span>{mine} your time</span>
            </>
          )}
          {duration ? <span aria-label={`Duration ${duration}`}>{duration}</span> : null}
        </span>
        <span className="row-meta">
          {clip.replyBy ? (
            <ReplyBy clip={clip} viewerTimezone={viewerTimezone} />
          ) : clip.dueAt ? (
            <Due at={clip.dueAt} viewerTimezone={viewerTimezone} />
          ) : null}
          <RowCounts counts={clip.counts} />
        </span>
      </span>
      <span className="row-badges">
        {clip.draft ? <span className="badge draft-badge">Draft</span> : null}
        <UrgencyBadge urgency={clip.urgency} />
        <TranscriptBadge state={clip.transcriptState} />
      </span>
    </a>
  );
});
