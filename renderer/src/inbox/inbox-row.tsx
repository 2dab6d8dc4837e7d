import { memo } from 'react';
import type { InboxClip } from '../lib/inbox-model';
import { clipHref } from '../lib/route';
import { displayLocalTime, formatDateTime, formatDuration } from '../lib/time';
import { TranscriptBadge, UrgencyBadge } from './badges';
import { Thumbnail } from './thumbnail';
import { ReplyBy } from '../norms/reply-by';

export const InboxRow = memo(function InboxRow({ clip, viewerTimezone }: { clip: InboxClip; viewerTimezone: string }) {
  const duration = formatDuration(clip.durationMs);
  const sender = displayLocalTime(clip.senderLocalTime);
  const mine = displayLocalTime(clip.viewerLocalTime);
  return (
    <a className="inbox-row" href={clipHref(clip.id)} data-testid="inbox-row" data-clip-id={clip.id}>
      <Thumbnail clipId={clip.id} />
      <span className="row-main">
        <span className="row-title">
          {clip.unread ? <span className="unread-dot" role="img" aria-label="Unread" /> : null}
          {clip.title || 'Untitled update'}
        </span>
        <span className="row-meta">
          <span className="row-sender">{clip.author}</span>
          <span title={clip.authorTimezone}>
            {sender} their time
          </span>
          {sender !== mine ? <span>{mine} your time</span> : null}
          {duration ? <span aria-label={`Duration ${duration}`}>{duration}</span> : null}
          {clip.replyBy ? (
            <ReplyBy clip={clip} viewerTimezone={viewerTimezone} />
          ) : clip.dueAt ? (
            <span>due {formatDateTime(clip.dueAt, viewerTimezone)}</span>
          ) : null}
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
