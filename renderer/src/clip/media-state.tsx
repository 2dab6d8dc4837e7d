// Where a teammate's video is (lazy media, issue 19): streamed from the workspace, cached, kept offline, syncing, or
// gone. The page asks before it shows a player, so a video removed from the workspace is a sentence, not a broken
// player; "Keep offline" pins it; a fetch (for sharing, transcribing or keeping offline) shows its progress.
import { useEffect, useState } from 'react';
import type { MediaStatus } from '../../../shared/contract/media';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { useLoad, type Load } from '../components/use-load';

export type Fetching = { receivedBytes: number; totalBytes: number; purpose: string } | null;

/** The clip's media status, reloaded when the core says it changed; and any fetch under way. */
export function useMediaStatus(clipId: string): { status: Load<MediaStatus>; reload: () => void; fetching: Fetching } {
  const api = useApi();
  const { state, reload } = useLoad(() => api.media.status({ id: clipId }), [api, clipId]);
  const [fetching, setFetching] = useState<Fetching>(null);
  useEffect(() => {
    const offChanged = api.on('media:changed', ({ ids }) => {
      if (ids.includes(clipId)) reload();
    });
    const offProgress = api.on('media:progress', (p) => {
      if (p.clipId !== clipId) return;
      setFetching(p.state === 'fetching' ? { receivedBytes: p.receivedBytes, totalBytes: p.totalBytes, purpose: p.purpose } : null);
      if (p.state !== 'fetching') reload();
    });
    return () => {
      offChanged();
      offProgress();
    };
  }, [api, clipId, reload]);
  return { status: state, reload, fetching };
}

const PURPOSE: Record<string, string> = { play: 'Caching', offline: 'Keeping offline', share: 'Fetching to share', transcribe: 'Fetching to transcribe' };

/** Shown instead of the player when there is nothing it could play. */
export function MediaUnavailable({ status }: { status: MediaStatus }) {
  return (
    <div className="player-error" role="alert" data-testid={`media-${status.state}`}>
      {status.state === 'missing' ? <strong>Video unavailable. </strong> : <strong>Syncing. </strong>}
      {status.message}
    </div>
  );
}

/** The line under a teammate's video: where it is, Keep offline, and a fetch's progress. */
export function MediaPanel({ status, fetching }: { status: MediaStatus; fetching: Fetching }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The box follows the click at once; the core's answer (media:changed) then confirms or corrects it.
  const [pinned, setPinned] = useState(status.pinnedBy === 'me');
  useEffect(() => setPinned(status.pinnedBy === 'me'), [status.pinnedBy]);
  const toggle = (next: boolean) => {
    setPinned(next);
    setBusy(true);
    api.media.pin({ id: status.clipId, pinned: next }).then(
      () => setError(null),
      (e: unknown) => {
        setPinned(!next);
        setError(errorMessage(e));
      },
    ).finally(() => setBusy(false));
  };
  const pct = fetching && fetching.totalBytes > 0 ? Math.floor((fetching.receivedBytes / fetching.totalBytes) * 100) : 0;
  // No video to play or keep: the box where the player would be says why; saying it again here is noise.
  if (status.state !== 'local' && status.state !== 'cached' && status.state !== 'remote' && status.state !== 'syncing') return null;
  return (
    <div className="media-panel hint" data-testid="media-panel" data-state={status.state}>
      <span role="status">{status.message}</span>{' '}
      <label>
        <input
          type="checkbox"
          checked={pinned}
          disabled={busy}
          onChange={(e) => toggle(e.currentTarget.checked)}
          data-testid="keep-offline"
        />{' '}
        Keep offline
      </label>
      {status.pinnedBy === 'needs-reply' ? <span> (kept offline until you reply)</span> : null}
      {fetching ? (
        <span data-testid="media-fetching">
          {' '}
          <label htmlFor="media-progress">{PURPOSE[fetching.purpose] ?? 'Fetching'}</label>{' '}
          <progress id="media-progress" max={100} value={pct}>
            {pct}%
          </progress>{' '}
          {pct}%
        </span>
      ) : null}
      {error ? <p role="alert" className="field-error">{error}</p> : null}
    </div>
  );
}
