import type { FormEvent } from 'react';
import type { Urgency } from '../lib/inbox-model';
import { formatDateTime, localInputToUtc } from '../lib/time';

export interface Recipient {
  name: string;
  timezone: string;
}

export interface ComposeValue {
  title: string;
  context: string;
  ask: string;
  recipients: string[];
  /** `<input type="datetime-local">` value, read in the sender's timezone. */
  deadlineLocal: string;
  urgency: Urgency;
}

interface Props {
  value: ComposeValue;
  onChange: (value: ComposeValue) => void;
  onSubmit: (value: ComposeValue, dueAt: string | null) => void;
  people: Recipient[];
  viewerTimezone: string;
  busy?: boolean;
  titleSuggestion?: string;
  /** Offers "Publish and copy link" beside Publish. */
  onPublishAndCopy?: (value: ComposeValue, dueAt: string | null) => void;
}

/** Title, context, ask, recipients, deadline (in my time, shown in each recipient's), urgency. */
export function ComposeForm({ value, onChange, onSubmit, people, viewerTimezone, busy, titleSuggestion, onPublishAndCopy }: Props) {
  const dueAt = localInputToUtc(value.deadlineLocal, viewerTimezone);
  const badDeadline = value.deadlineLocal !== '' && dueAt === null;
  const chosen = people.filter((p) => value.recipients.includes(p.name));
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!badDeadline) onSubmit(value, dueAt);
  }
  return (
    <form className="compose" onSubmit={submit} aria-label="Compose the update">
      <div className="field">
        <label htmlFor="compose-title">Title</label>
        {/* Optional: left empty, the update takes the placeholder (the transcript's first sentence, or weekday and time). */}
        <input id="compose-title" value={value.title} placeholder={titleSuggestion} onChange={(e) => onChange({ ...value, title: e.target.value })} maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor="compose-context">Context</label>
        <textarea id="compose-context" value={value.context} onChange={(e) => onChange({ ...value, context: e.target.value })} rows={3} />
      </div>
      <div className="field">
        <label htmlFor="compose-ask">Ask or decision</label>
        <textarea id="compose-ask" value={value.ask} onChange={(e) => onChange({ ...value, ask: e.target.value })} rows={2} />
      </div>
      <fieldset className="field">
        <legend>Recipients</legend>
        {people.length === 0 ? <p className="hint">No teammates yet: the update goes to the whole workspace.</p> : null}
        {people.map((p) => (
          <label key={p.name} className="check">
            <input
              type="checkbox"
              checked={value.recipients.includes(p.name)}
              onChange={(e) => onChange({ ...value, recipients: e.target.checked ? [...value.recipients, p.name] : value.recipients.filter((n) => n !== p.name) })}
            />
            {p.name} <span className="hint">({p.timezone})</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="compose-deadline">Deadline (your time, {viewerTimezone})</label>
        <input id="compose-deadline" type="datetime-local" value={value.deadlineLocal} onChange={(e) => onChange({ ...value, deadlineLocal: e.target.value })} aria-invalid={badDeadline} />
        {badDeadline ? <p className="field-error">That time does not exist in {viewerTimezone} (a clock change).</p> : null}
        {dueAt && chosen.length > 0 ? (
          <ul className="hint" aria-label="Deadline for each recipient" data-testid="deadline-zones">
            {chosen.map((p) => (
              <li key={p.name}>
                {p.name}: {formatDateTime(dueAt, p.timezone)}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="compose-urgency">Urgency</label>
        <select id="compose-urgency" value={value.urgency} onChange={(e) => onChange({ ...value, urgency: e.target.value as Urgency })}>
          <option value="fyi">FYI, no reply needed</option>
          <option value="reply-needed">Reply needed</option>
          <option value="urgent">Urgent</option>
        </select>
      </div>
      <div className="actions">
        <button type="submit" className={onPublishAndCopy ? undefined : 'primary'} disabled={busy || badDeadline}>
          Publish
        </button>
        {onPublishAndCopy ? (
          <button type="button" className="primary" disabled={busy || badDeadline} onClick={() => onPublishAndCopy(value, dueAt)}>
            Publish and copy link
          </button>
        ) : null}
      </div>
    </form>
  );
}
