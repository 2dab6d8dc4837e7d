import type { TranscriptState, Urgency } from '../lib/inbox-model';

const URGENCY_LABEL: Record<Urgency, string> = { fyi: 'FYI', 'reply-needed': 'Reply needed', urgent: 'Urgent' };

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  return <span className={`badge urgency-${urgency}`}>{URGENCY_LABEL[urgency]}</span>;
}

const TRANSCRIPT_LABEL: Record<TranscriptState, string | null> = {
  none: null,
  queued: 'Transcript queued',
  running: 'Transcribing…',
  done: 'Transcript',
  failed: 'Transcript failed',
  cancelled: 'Transcript cancelled',
  'no-model': 'No model for a transcript',
};

export function TranscriptBadge({ state }: { state: TranscriptState }) {
  const label = TRANSCRIPT_LABEL[state];
  return label ? <span className={`badge transcript-${state}`}>{label}</span> : null;
}
