// Where the transcript is: queued, running (with live progress), failed or missing a model, with a retry.
import { useState } from 'react';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import type { JobSummary, Transcript } from './use-clip-source';

export function TranscriptionStatus({ clipId, transcript, job }: { clipId: string; transcript: Transcript; job: JobSummary | null }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const live = job ?? transcript.job;
  const state = live && (live.state === 'running' || live.state === 'queued') ? live.state : transcript.state;
  if (state === 'done' && !error) return null;
  const pct = live ? Math.round(live.progress) : 0; // the queue reports whole percent
  const retry = () => api.transcripts.start({ clipId }).then(() => setError(null), (e: unknown) => setError(errorMessage(e)));
  return (
    <div className="transcription-status" data-testid="transcription-status">
      {state === 'running' && !live ? (
        // No job: the transcript made while recording is finishing its last stretch (it was not queued).
        <span role="status">Finishing the transcript made while you recorded…</span>
      ) : state === 'running' ? (
        <>
          <label htmlFor="transcribe-progress">Transcribing</label>{' '}
          <progress id="transcribe-progress" max={100} value={pct}>
            {pct}%
          </progress>{' '}
          {pct}%
        </>
      ) : (
        <span role="status">
          {state === 'no-model' ? (
            // The core's hint speaks to the command line; here the way is a click.
            <>
              No transcription model is installed yet. <a href="#/settings">Download one in Settings</a>, then retry.
            </>
          ) : state === 'queued' ? (
            'Waiting to transcribe…'
          ) : state === 'failed' ? (
            `Transcription failed${live?.error ? `: ${live.error}` : ''}.`
          ) : state === 'cancelled' ? (
            'Transcription was cancelled.'
          ) : (
            'Not transcribed.'
          )}
        </span>
      )}
      {state !== 'running' && state !== 'queued' ? (
        <button type="button" onClick={() => void retry()}>
          Retry transcription
        </button>
      ) : null}
      {error ? <p role="alert" className="field-error">{error}</p> : null}
    </div>
  );
}
