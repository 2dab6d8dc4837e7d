// The link of a just-recorded update, made as soon as the recording stops: one Copy button, and where it works.
import { useCallback, useEffect, useState } from 'react';
import type { ShareLink } from '../../../shared/contract/share';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { whereLinkWorks } from '../lib/team-text';
import { formatDateTime } from '../lib/time';

export interface QuickLinkState {
  link: ShareLink | null;
  error: string | null;
  /** The newest active link, made now if there is none; throws (with the reason) when no link can be served. */
  ensure(): Promise<ShareLink>;
}

export function useQuickLink(clipId: string | null, options: { create: boolean }): QuickLinkState {
  const api = useApi();
  const [link, setLink] = useState<ShareLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const newest = useCallback(async (id: string) => (await api.share.list({ clipId: id })).links.filter((l) => l.status === 'active').at(-1) ?? null, [api]);
  const ensure = useCallback(async (): Promise<ShareLink> => {
    if (!clipId) throw new Error('There is no recording yet.');
    const existing = await newest(clipId);
    if (existing) return existing;
    await api.share.create({ clipId, expires: '7d' });
    const made = await newest(clipId);
    if (!made) throw new Error('The link was made but is not listed; try again.');
    return made;
  }, [api, clipId, newest]);
  useEffect(() => {
    if (!clipId) return;
    let live = true;
    (options.create ? ensure() : newest(clipId)).then(
      (l) => live && (setLink(l), setError(null)),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [clipId, options.create, ensure, newest]);
  return { link, error, ensure: useCallback(() => ensure().then((l) => (setLink(l), setError(null), l)), [ensure]) };
}

export function QuickLink({ state, viewerTimezone }: { state: QuickLinkState; viewerTimezone: string }) {
  const [message, setMessage] = useState('');
  const [copyError, setCopyError] = useState<string | null>(null);
  if (state.error) {
    return (
      <p role="alert" className="field-error" data-testid="quick-link-error">
        No link yet: {state.error}
      </p>
    );
  }
  if (!state.link) return <p className="hint">Making a link…</p>;
  const link = state.link;
  return (
    <div className="quick-link" data-testid="quick-link">
      <code data-testid="quick-link-url">{link.url}</code>{' '}
      <button
        type="button"
        className="primary"
        onClick={() => navigator.clipboard.writeText(link.url).then(() => (setCopyError(null), setMessage('Link copied to the clipboard.')), (e: unknown) => setCopyError(errorMessage(e)))}
      >
        Copy link
      </button>
      <p className="hint">{whereLinkWorks(link, (iso) => formatDateTime(iso, viewerTimezone))}.</p>
      <p role="status" className="hint" data-testid="quick-link-status">
        {message}
      </p>
      {copyError ? <p role="alert" className="field-error">Copying failed: {copyError}</p> : null}
    </div>
  );
}
