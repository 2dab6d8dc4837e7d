// Reply-by the human way: "reply by Tue 10:30 (in 3 working hours)", in red once overdue.
import './norms.css';
import { replyByText } from '../../../shared/norms/format';
import type { InboxClip } from '../lib/inbox-model';

const HOUR = 3_600_000;

export function ReplyBy({ clip, viewerTimezone }: { clip: InboxClip; viewerTimezone: string }) {
  if (!clip.replyBy || clip.replyState === undefined) return null;
  const text = replyByText(Date.parse(clip.replyBy), (clip.workingHoursLeft ?? 0) * HOUR, viewerTimezone, clip.replyState === 'overdue');
  return (
    <span className={`reply-by reply-${clip.replyState}`} data-testid="reply-by" data-state={clip.replyState}>
      {clip.replyState === 'overdue' ? <strong>Overdue · </strong> : null}
      {text}
      {clip.escalate ? ' · talk live?' : ''}
    </span>
  );
}
