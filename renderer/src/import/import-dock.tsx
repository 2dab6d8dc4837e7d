// Import in the app: a button in the header and a file dropped anywhere on the window, with upload and conversion
// progress, and the library's refusals (broken, empty, not media) shown as they are.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/context';
import { errorMessage } from '../components/error-state';
import { clipHref } from '../lib/route';
import { uploadAndImport, type ImportProgress } from './upload';

type State =
  | { status: 'idle' }
  | { status: 'working'; name: string; progress: ImportProgress }
  | { status: 'done'; name: string; clipId: string; title: string }
  | { status: 'error'; name: string; message: string };

export function ImportDock() {
  const api = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ status: 'idle' });
  const [dragging, setDragging] = useState(false);
  const busy = state.status === 'working';

  const start = useCallback(
    (file: File) => {
      setState({ status: 'working', name: file.name, progress: { phase: 'uploading', fraction: 0 } });
      uploadAndImport(api, file, (progress) => setState({ status: 'working', name: file.name, progress })).then(
        (done) => setState({ status: 'done', name: file.name, clipId: done.clipId, title: done.title }),
        (e: unknown) => setState({ status: 'error', name: file.name, message: errorMessage(e) }),
      );
    },
    [api],
  );

  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      // Without this the browser would navigate to the dropped file.
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file && !busy) start(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    document.body.classList.toggle('drop-target', dragging);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      document.body.classList.remove('drop-target');
    };
  }, [busy, dragging, start]);

  return (
    <div className="import-dock" data-testid="import-dock">
      <input
        ref={input}
        type="file"
        accept="video/*,audio/*,.mkv,.webm,.mov,.m4a"
        hidden
        aria-label="Video or audio file to import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) start(file);
        }}
      />
      <button type="button" disabled={busy} onClick={() => input.current?.click()} title="Or drop a file anywhere on the window">
        Import a video
      </button>
      <span role="status" className="hint" data-testid="import-status">
        {state.status === 'working'
          ? `${state.progress.phase === 'uploading' ? 'Uploading' : 'Converting'} ${state.name}: ${Math.round(state.progress.fraction * 100)}%`
          : state.status === 'done'
            ? <>Imported <a href={clipHref(state.clipId)}>{state.title || state.name}</a>.</>
            : dragging
              ? 'Drop the file to import it.'
              : ''}
      </span>
      {state.status === 'error' ? (
        <span role="alert" className="field-error" data-testid="import-error">
          {state.name} was not imported: {state.message}
        </span>
      ) : null}
    </div>
  );
}
