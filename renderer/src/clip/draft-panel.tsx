// An unpublished recording of mine is a draft: its clip page carries the compose controls (title, context, ask,
// deadline, urgency, recipients) and Publish, so a recording left after Stop can still go out from here.
import { useState } from 'react';
import type { ClipDetail } from '../../../shared/contract/clips';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { fallbackTitle, titleToPublish } from '../lib/team-text';
import { utcToLocalInput } from '../lib/time';
import { ComposeForm, type ComposeValue, type Recipient } from '../record/compose-form';
import type { QuickLinkState } from './quick-link';

export function DraftPanel(props: { clip: ClipDetail; people: Recipient[]; viewerTimezone: string; suggestion: string; link: QuickLinkState; onPublished: () => void }) {
  const { clip, viewerTimezone } = props;
  const api = useApi();
  const [value, setValue] = useState<ComposeValue>({
    title: clip.title,
    context: clip.context ?? '',
    ask: clip.ask ?? '',
    recipients: clip.recipients,
    deadlineLocal: clip.dueAt ? utcToLocalInput(clip.dueAt, viewerTimezone) : '',
    urgency: clip.urgency,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  async function publish(compose: ComposeValue, dueAt: string | null) {
    await api.updates.edit({
      id: clip.id,
      title: titleToPublish(compose.title, props.suggestion, new Date().toISOString(), viewerTimezone),
      context: compose.context.trim() || null,
      ask: compose.ask.trim() || null,
      recipients: compose.recipients,
      dueAt,
      urgency: compose.urgency,
    });
    await api.workspace.publish({ id: clip.id });
  }
  const run = (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    work().then(
      (done) => (setStatus(done), props.onPublished()),
      (e: unknown) => setError(errorMessage(e)),
    ).finally(() => setBusy(false));
  };

  return (
    <section className="draft-panel" aria-labelledby="draft-title" data-testid="draft-panel">
      <h2 id="draft-title">Draft: only you can see this update</h2>
      <p className="hint">Add what the team needs to know, then publish it to the workspace.</p>
      <ComposeForm
        value={value}
        onChange={setValue}
        people={props.people}
        viewerTimezone={viewerTimezone}
        titleSuggestion={props.suggestion || fallbackTitle(new Date().toISOString(), viewerTimezone)}
        busy={busy}
        onSubmit={(v, dueAt) => run(async () => (await publish(v, dueAt), 'Published.'))}
        onPublishAndCopy={(v, dueAt) =>
          run(async () => {
            // The link first, while the click still counts as the person's gesture for the clipboard.
            const link = await props.link.ensure();
            await navigator.clipboard.writeText(link.url);
            await publish(v, dueAt);
            return 'Published, and the link is on the clipboard.';
          })
        }
      />
      <p role="status" className="hint" data-testid="draft-status">
        {status}
      </p>
      {error ? <p role="alert" className="field-error">{error}</p> : null}
    </section>
  );
}
