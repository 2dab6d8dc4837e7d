// Where updates are shared: a folder (a synced drive, a network share) or an S3 bucket.
import { useId, useState, type FormEvent } from 'react';
import { useApi } from '../api/context';
import { ErrorState, errorMessage } from '../components/error-state';
import { useLoad } from '../components/use-load';
import { HandoffError } from '../../../shared/result';
import { SaveRow, type SaveStatus } from './save-row';

export function WorkspaceSettings() {
  const api = useApi();
  const id = useId();
  const { state, reload } = useLoad(() => api.workspace.get(), [api]);
  const [kind, setKind] = useState<'folder' | 's3' | null>(null);
  const [dir, setDir] = useState('');
  const [s3, setS3] = useState({ endpoint: '', bucket: '', prefix: '', region: '', pathStyle: false });
  const [status, setStatus] = useState<SaveStatus>(null);
  // A folder that does not exist is created only after the person confirms it (a typo must not become a workspace).
  const [missing, setMissing] = useState<string | null>(null);
  const current = state.status === 'ready' ? state.value : null;
  const shown = kind ?? current?.kind ?? 'folder';

  async function save(event: FormEvent | null, create = false) {
    event?.preventDefault();
    setMissing(null);
    try {
      const info =
        shown === 'folder'
          ? await api.workspace.useFolder({ dir: dir.trim(), ...(create ? { create: true } : {}) })
          : await api.workspace.useS3({ endpoint: s3.endpoint.trim(), bucket: s3.bucket.trim(), prefix: s3.prefix.trim() || undefined, region: s3.region.trim() || undefined, pathStyle: s3.pathStyle });
      setStatus({ ok: true, text: `Saved: ${info.description}` });
      reload();
    } catch (e) {
      if (shown === 'folder' && e instanceof HandoffError && e.code === 'not-found') setMissing(dir.trim());
      setStatus({ ok: false, text: errorMessage(e) });
    }
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>Workspace</h2>
      {state.status === 'loading' ? <p role="status">Loading…</p> : null}
      {state.status === 'error' ? <ErrorState title="Could not read the workspace" message={state.message} onRetry={reload} /> : null}
      {current ? <p data-testid="workspace-current">Now: {current.description}</p> : null}
      <form onSubmit={save}>
        <fieldset>
          <legend>Kind</legend>
          <label className="check">
            <input type="radio" name={`${id}-kind`} checked={shown === 'folder'} onChange={() => setKind('folder')} /> A folder
          </label>
          <label className="check">
            <input type="radio" name={`${id}-kind`} checked={shown === 's3'} onChange={() => setKind('s3')} /> An S3 bucket
          </label>
        </fieldset>
        {shown === 'folder' ? (
          <div className="field">
            <label htmlFor={`${id}-dir`}>Folder path</label>
            <input id={`${id}-dir`} value={dir} placeholder={current?.folder ?? ''} onChange={(e) => setDir(e.target.value)} required />
          </div>
        ) : (
          <>
            {(['endpoint', 'bucket', 'prefix', 'region'] as const).map((key) => (
              <div className="field" key={key}>
                <label htmlFor={`${id}-${key}`}>S3 {key}{key === 'bucket' ? '' : ' (optional)'}</label>
                <input id={`${id}-${key}`} value={s3[key]} onChange={(e) => setS3({ ...s3, [key]: e.target.value })} required={key === 'bucket'} />
              </div>
            ))}
            <label className="check">
              <input type="checkbox" checked={s3.pathStyle} onChange={(e) => setS3({ ...s3, pathStyle: e.target.checked })} /> Path-style addressing
            </label>
          </>
        )}
        <SaveRow label="Use this workspace" status={status} />
        {missing ? (
          <p className="hint" data-testid="confirm-create-folder">
            <button type="button" onClick={() => void save(null, true)}>
              Create {missing} and use it
            </button>
          </p>
        ) : null}
      </form>
    </section>
  );
}
