// The editor on the clip page (issue 18): trim handles and removed ranges on a timeline, Cut from a transcript
// selection or a typed range, filler words and long silences, undo/redo/reset, and the edited version's render. The
// player previews the edit at once by skipping removed ranges; nothing is rendered until publishing or asked for.
import { useEffect, useId, useRef, useState } from 'react';
import type { EditSegment } from '../../../../shared/edit/words';
import { editedToOriginal, keptDuration } from '../../../../shared/edit/ranges';
import { mediaUrl } from '../../api/media';
import { formatDuration } from '../../lib/time';
import { EditTimeline } from './edit-timeline';
import { EditTranscript, selectedSpan } from './edit-transcript';
import { useEdit } from './use-edit';
import { usePreviewSkip } from './use-preview-skip';
import './editor.css';

interface Props {
  clipId: string;
  segments: EditSegment[];
  currentMs: number;
  video: () => HTMLVideoElement | null;
  onSeek: (ms: number) => void;
  /** `?t=` in seconds: edited time (what search hits and links give for an edited clip), shown at its original moment. */
  startAt: number | null;
}

/** "12.5" or "1:02.5" → ms, or null. */
function parseTime(text: string): number | null {
  const parts = text.trim().split(':');
  if (parts.length > 2 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) return null;
  return Math.round(parts.reduce((t, p) => t * 60 + Number(p), 0) * 1000);
}

export function ClipEditor({ clipId, segments, currentMs, video, onSeek, startAt }: Props) {
  const id = useId();
  const { edit, status, busy, apply, undo, redo, reset, render } = useEdit(clipId);
  const words = useRef<HTMLDivElement>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [silence, setSilence] = useState('1.5');
  usePreviewSkip(video, edit?.edited ? edit.kept : null);
  const kept = edit?.edited ? edit.kept : null;
  useEffect(() => {
    if (startAt === null || !kept) return;
    const v = video();
    const go = () => onSeek(editedToOriginal(kept, startAt * 1000));
    if (!v || v.readyState >= 1) go();
    else v.addEventListener('loadedmetadata', go, { once: true });
    // Only a new ?t= (or the edit's first load) moves the player, not each later edit.
  }, [startAt, kept === null]);
  if (!edit) return null;
  const hasWords = segments.some((s) => s.words.length > 0);

  function cutSelection() {
    const span = selectedSpan(words.current);
    if (span) void apply({ kind: 'cut', ranges: [span], snap: true });
  }
  function cutRange(event: React.FormEvent) {
    event.preventDefault();
    const startMs = parseTime(from);
    const endMs = parseTime(to);
    if (startMs === null || endMs === null) return;
    void apply({ kind: 'cut', ranges: [{ startMs, endMs }], snap: false });
  }

  return (
    <section className="clip-editor" aria-labelledby={`${id}-t`} data-testid="clip-editor">
      <h2 id={`${id}-t`}>Edit</h2>
      <p className="hint" data-testid="edit-summary">
        {edit.edited
          ? `Edited: ${formatDuration(keptDuration(edit.kept))} of ${formatDuration(edit.durationMs)} kept. The preview skips what is cut; the recording itself is never changed.`
          : 'Trim the ends, cut a stumble, or cut words from the transcript. The recording itself is never changed.'}
      </p>
      <EditTimeline edit={edit} currentMs={currentMs} busy={busy} onSeek={onSeek} onTrim={(trim) => void apply({ kind: 'trim', ...trim })} />
      <div className="actions" role="toolbar" aria-label="Edit actions">
        <button type="button" onClick={() => void undo()} disabled={busy || !edit.canUndo}>
          Undo
        </button>
        <button type="button" onClick={() => void redo()} disabled={busy || !edit.canRedo}>
          Redo
        </button>
        <button type="button" onClick={() => void reset()} disabled={busy || !edit.edited}>
          Reset
        </button>
        <button type="button" onClick={() => void apply({ kind: 'fillers' })} disabled={busy || !hasWords}>
          Remove filler words
        </button>
        <label htmlFor={`${id}-silence`}>Silences over (s)</label>
        <input id={`${id}-silence`} type="number" min={0.3} step={0.1} value={silence} onChange={(e) => setSilence(e.target.value)} />
        <button type="button" onClick={() => void apply({ kind: 'silences', minSeconds: Number(silence) })} disabled={busy || !(Number(silence) >= 0.3)}>
          Remove silences
        </button>
      </div>
      <form className="inline-form" onSubmit={cutRange} aria-label="Cut a range">
        <label htmlFor={`${id}-from`}>Cut from</label>
        <input id={`${id}-from`} value={from} onChange={(e) => setFrom(e.target.value)} placeholder="0:12" size={7} />
        <label htmlFor={`${id}-to`}>to</label>
        <input id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value)} placeholder="0:15.5" size={7} />
        <button type="submit" disabled={busy || parseTime(from) === null || parseTime(to) === null}>
          Cut range
        </button>
      </form>
      {hasWords ? (
        <>
          <EditTranscript segments={segments} kept={edit.kept} onSeek={onSeek} textRef={words} />
          <button type="button" onClick={cutSelection} disabled={busy}>
            Cut selection
          </button>
        </>
      ) : (
        <p className="hint">Cutting by words needs a transcript with word timings.</p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void render()} disabled={busy || !edit.edited || edit.render.state === 'current'}>
          {edit.render.state === 'stale' ? 'Render the edit again' : 'Render edited version'}
        </button>
        {edit.render.state === 'current' ? (
          <a className="button" href={mediaUrl(clipId, 'edited.mp4')} download={`${clipId}-edited.mp4`}>
            Download edited
          </a>
        ) : null}
      </div>
      <p role="status" className={status?.kind === 'error' ? 'field-error' : 'hint'} data-testid="edit-status">
        {busy ? 'Working…' : (status?.text ?? '')}
      </p>
    </section>
  );
}
