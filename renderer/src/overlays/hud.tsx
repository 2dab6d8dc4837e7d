// The recording HUD: elapsed time, pause/resume, stop, cancel, the link to copy while talking and the live transcript's
// state. The desktop shell shows it in a small always-on-top
// window kept out of the capture; it works the same as a page in browser mode.
import { useEffect, useState } from 'react';
import type { RecorderStatus } from '../../../shared/contract/recorder';
import { useApi } from '../api/context';
import { formatDuration } from '../lib/time';
import { LiveTranscriptLine, RecordingLink } from '../record/while-recording';

export function Hud() {
  const api = useApi();
  const [status, setStatus] = useState<RecorderStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.recorder.status().then(setStatus, (e: unknown) => setError(String(e)));
    const offState = api.on('recorder:state', setStatus);
    const offProgress = api.on('recorder:progress', (p) =>
      setStatus((s) => (s && s.id === p.id ? { ...s, elapsedMs: p.elapsedMs, micLevelDb: p.micLevelDb } : s)),
    );
    return () => {
      offState();
      offProgress();
    };
  }, [api]);

  const act = (call: () => Promise<unknown>) => call().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  const live = status?.state === 'recording' || status?.state === 'paused';
  return (
    <main className="hud-window">
    <h1 className="visually-hidden">Recording</h1>
    <div className="hud" role="toolbar" aria-label="Recording controls">
      <span className={`hud-dot ${status?.state === 'recording' ? 'is-live' : ''}`} aria-hidden="true" />
      <span className="hud-time" data-testid="hud-elapsed" aria-live="off">
        {live ? formatDuration(status?.elapsedMs ?? 0) : status?.state === 'stopping' || status?.state === 'finalizing' ? 'Saving…' : 'Not recording'}
      </span>
      {status?.state === 'paused' ? (
        <button type="button" onClick={() => act(() => api.recorder.resume())}>
          Resume
        </button>
      ) : (
        <button type="button" disabled={status?.state !== 'recording'} onClick={() => act(() => api.recorder.pause())}>
          Pause
        </button>
      )}
      <button type="button" className="primary" disabled={!live} onClick={() => act(() => api.recorder.stop())}>
        Stop
      </button>
      <button type="button" disabled={!live} onClick={() => act(() => api.recorder.cancel())}>
        Cancel
      </button>
      {live && status?.id ? <RecordingLink recordingId={status.id} compact /> : null}
      {error ? (
        <span role="alert" className="hud-error">
          {error}
        </span>
      ) : null}
    </div>
    {live && status?.id ? <LiveTranscriptLine recordingId={status.id} /> : null}
    </main>
  );
}
