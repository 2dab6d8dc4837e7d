// Whisper models: what is installed, download with live progress, choose the default.
import { useEffect, useId, useState } from 'react';
import { useApi } from '../api/context';
import { ErrorState, errorMessage } from '../components/error-state';
import { useLoad } from '../components/use-load';

function mb(bytes: number | null): string {
  return bytes === null ? '' : `${Math.round(bytes / 1_000_000)} MB`;
}

export function ModelsSettings() {
  const api = useApi();
  const id = useId();
  const { state, reload } = useLoad(() => api.models.list({}), [api]);
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(
    () => api.on('models:progress', (p) => setProgress((all) => ({ ...all, [p.name]: p.totalBytes > 0 ? Math.round((p.receivedBytes / p.totalBytes) * 100) : 0 }))),
    [api],
  );
  const act = (work: Promise<unknown>) => work.then(reload, (e: unknown) => setError(errorMessage(e)));
  return (
    <section className="settings-section" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>Transcription models</h2>
      {state.status === 'loading' ? <p role="status">Loading…</p> : null}
      {state.status === 'error' ? <ErrorState title="Could not list models" message={state.message} onRetry={reload} /> : null}
      {/* The core's hint names commands for the terminal; on this page the download buttons are the way. */}
      {state.status === 'ready' && state.value.hint ? <p className="hint">No model is installed yet: download one below to transcribe your updates (base.en is a good start).</p> : null}
      {state.status === 'ready' && state.value.models.length === 0 ? <p className="hint">No models are known.</p> : null}
      {state.status === 'ready' ? (
        <ul className="models" aria-label="Whisper models">
          {state.value.models.map((m) => (
            <li key={m.name}>
              <strong>{m.name}</strong> <span className="hint">{mb(m.sizeBytes)} {m.description}</span>{' '}
              {m.isDefault ? <span className="badge">default</span> : null}
              {m.installed ? (
                !m.isDefault && (
                  <button type="button" onClick={() => void act(api.models.use({ name: m.name }))}>
                    Use {m.name}
                  </button>
                )
              ) : progress[m.name] !== undefined && progress[m.name] < 100 ? (
                <progress max={100} value={progress[m.name]} aria-label={`Downloading ${m.name}`} />
              ) : (
                <button type="button" onClick={() => void act(api.models.download({ name: m.name }))}>
                  Download {m.name}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <p role="alert" className="field-error">{error}</p> : null}
    </section>
  );
}
