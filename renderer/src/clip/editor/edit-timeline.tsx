// The edit on a timeline of the original: kept time light, removed ranges hatched, the playhead, and trim handles
// that are real range inputs (arrow keys move them by a tenth of a second; the trim applies when the key is let go).
import { useId, useState } from 'react';
import type { EditState } from '../../../../shared/contract/edits';
import { formatDuration } from '../../lib/time';

interface Props {
  edit: EditState;
  currentMs: number;
  busy: boolean;
  onTrim: (trim: { startMs?: number; endMs?: number }) => void;
  onSeek: (ms: number) => void;
}

export function EditTimeline({ edit, currentMs, busy, onTrim, onSeek }: Props) {
  const id = useId();
  const total = edit.durationMs;
  const pct = (ms: number) => `${Math.min(100, Math.max(0, (ms / total) * 100))}%`;
  // A handle moves freely while dragged or while an arrow key is held; the trim is applied once it is let go, so a
  // drag is one step of the history, not fifty.
  const [draft, setDraft] = useState<{ startMs?: number; endMs?: number } | null>(null);
  const keptStart = draft?.startMs ?? edit.kept[0]?.startMs ?? 0;
  const keptEnd = draft?.endMs ?? edit.kept.at(-1)?.endMs ?? total;
  const commit = () => {
    if (draft) onTrim(draft);
    setDraft(null);
  };
  return (
    <div className="edit-timeline" data-testid="edit-timeline">
      <div className="edit-track" aria-hidden="true" onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        onSeek(((e.clientX - box.left) / box.width) * total);
      }}>
        {edit.removed.map((r) => (
          <span key={`${r.startMs}-${r.endMs}`} className="edit-removed" data-testid="removed-range" style={{ left: pct(r.startMs), width: pct(r.endMs - r.startMs) }} />
        ))}
        <span className="edit-playhead" style={{ left: pct(currentMs) }} />
      </div>
      <ul className="visually-hidden" aria-label="Removed parts">
        {edit.removed.map((r) => (
          <li key={`${r.startMs}-${r.endMs}`}>
            {formatDuration(r.startMs)} to {formatDuration(r.endMs)}
          </li>
        ))}
      </ul>
      <div className="edit-handles">
        <label htmlFor={`${id}-start`}>Trim start</label>
        <input
          id={`${id}-start`}
          type="range"
          min={0}
          max={total}
          step={100}
          value={keptStart}
          disabled={busy}
          aria-valuetext={formatDuration(keptStart) ?? '0:00'}
          onChange={(e) => setDraft({ startMs: Math.min(Number(e.target.value), keptEnd - 100) })}
          onPointerUp={commit}
          onKeyUp={commit}
          onBlur={commit}
        />
        <label htmlFor={`${id}-end`}>Trim end</label>
        <input
          id={`${id}-end`}
          type="range"
          min={0}
          max={total}
          step={100}
          value={keptEnd}
          disabled={busy}
          aria-valuetext={formatDuration(keptEnd) ?? '0:00'}
          onChange={(e) => setDraft({ endMs: Math.max(Number(e.target.value), keptStart + 100) })}
          onPointerUp={commit}
          onKeyUp={commit}
          onBlur={commit}
        />
      </div>
    </div>
  );
}
