// What the Record page and the HUD show while a recording runs besides its controls: the link to copy while talking
// (it says "recording in progress" until the clip exists, then plays it at the same address), and where the live
// transcript is (transcripts:live).
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../shared/contract';
import { useApi, useSettings } from '../api/context';
import { errorMessage } from '../components/error-state';
import { formatDuration } from '../lib/time';

/** "Copy link": makes the recording's link on first use (share:forRecording, as `handoff record --share`) and copies it. */
export function RecordingLink({ recordingId, compact = false }: { recordingId: string; compact?: boolean }) {
  const api = useApi();
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setUrl(null);
    setMessage('');
    setError(null);
  }, [recordingId]);

  async function copy() {
    setError(null);
    let link = url;
    try {
      link ??= (await api.share.forRecording({ id: recordingId })).url;
      setUrl(link);
    } catch (e) {
      return setError(`No link: ${errorMessage(e)}`);
    }
    try {
      await navigator.clipboard.writeText(link);
      setMessage(compact ? 'Link copied.' : 'Link copied. Until you stop, it says the recording is in progress; then it plays.');
    } catch (e) {
      // The link exists either way: it is shown to copy by hand.
      setError(`Copying failed (${errorMessage(e)}); copy the link shown instead.`);
    }
  }

  return (
    <div className="recording-link" data-testid="recording-link">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      {url && !compact ? <code data-testid="recording-link-url">{url}</code> : null}
      <span role="status" className="hint" data-testid="recording-link-status">
        {message}
      </span>
      {error ? (
        <span role="alert" className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

type Live = EventPayload<'transcripts:live'>;

/** The live transcript's state for one recording, from its transcripts:live events (null until the first). */
export function useLiveTranscript(recordingId: string | null): Live | null {
  const api = useApi();
  const [live, setLive] = useState<Live | null>(null);
  useEffect(() => {
    setLive(null);
    if (!recordingId) return;
    let heard = false;
    const off = api.on('transcripts:live', (event) => {
      if (event.clipId !== recordingId) return;
      heard = true;
      setLive(event);
    });
    // The first event may have gone out before this page knew the recording (no recognizer fails at once): ask.
    api.transcripts.liveState({ clipId: recordingId }).then(
      (state) => !heard && state && setLive(state),
      () => undefined, // an older core without the call: the events alone tell it
    );
    return off;
  }, [api, recordingId]);
  return live;
}

/** One line: transcribing as you talk, fell back (after stop), not live at all, or nothing when live transcription is off. */
export function LiveTranscriptLine({ recordingId }: { recordingId: string }) {
  const { settings } = useSettings();
  const live = useLiveTranscript(recordingId);
  if (!settings?.['transcription.live'] && !live) return null;
  let text: string;
  if (!live) text = 'Getting live transcription ready…';
  else if (live.state === 'running') text = live.audioMs > 0 ? `Transcribing as you talk… ${formatDuration(live.audioMs)} transcribed` : 'Transcribing as you talk…';
  else if (live.state === 'done') text = 'Transcript ready.';
  else if (live.state === 'fallback') text = 'Live transcription fell back: it will transcribe after you stop.';
  else text = 'Not transcribing while recording: no recognizer is ready (see Settings, Transcription models).';
  return (
    <p className="hint live-transcript" data-testid="live-transcript" data-state={live?.state ?? 'starting'} aria-live="polite">
      {text}
    </p>
  );
}
