// Rename, download, delete (with confirmation) and retry transcription for one clip.
import { useId, useState, type FormEvent } from 'react';
import { mediaUrl } from '../api/media';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { navigate } from '../components/use-route';
import { Dialog } from '../design/dialog';

export function ClipActions({ clipId, title, onChanged }: { clipId: string; title: string; onChanged: () => void }) {
  const api = useApi();
  const id = useId();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(title);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = (work: () => Promise<unknown>) => {
    setError(null);
    work().then(onChanged, (e: unknown) => setError(errorMessage(e)));
  };
  function rename(event: FormEvent) {
    event.preventDefault();
    run(async () => {
      await api.clips.rename({ id: clipId, title: name });
      setRenaming(false);
    });
  }
  return (
    <div className="clip-actions" role="group" aria-label="Update actions">
      {renaming ? (
        <form onSubmit={rename} className="inline-form" onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), setRenaming(false))}>
          <label htmlFor={`${id}-name`}>New title</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoFocus />
          <button type="submit" className="primary">
            Save title
          </button>
          <button type="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => (setName(title), setRenaming(true))}>
          Rename
        </button>
      )}
      <a className="button" href={mediaUrl(clipId, 'video.mp4')} download={`${title || clipId}.mp4`}>
        Download
      </a>
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete
      </button>
      {confirming ? (
        // The safe choice has focus; Escape or "Keep it" closes the dialog and focus returns to Delete.
        <Dialog title="Delete this update?" onClose={() => setConfirming(false)} testId="confirm-delete">
          <p>The update and its video are removed from this computer. This cannot be undone.</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirming(false)} data-autofocus>
              Keep it
            </button>
            <button type="button" className="danger solid" onClick={() => api.clips.delete({ id: clipId }).then(() => navigate('#/inbox'), (e: unknown) => (setConfirming(false), setError(errorMessage(e))))}>
              Delete for good
            </button>
          </div>
        </Dialog>
      ) : null}
      {error ? <p role="alert" className="field-error">{error}</p> : null}
    </div>
  );
}
