// The edit on a timeline of the original: kept time light, removed ranges hatched, the playhead, and trim handles
// that are real range inputs (arrow keys move them by a tenth of a second, Page Up/Down by a second).
import { useId } from 'react';
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
  const keptStart = edit.kept[0]?.startMs ?? 0;
  const keptEnd = edit.kept.at(-1)?.endMs ?? total;
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
          onChange={(e) => onTrim({ startMs: Math.min(Number(e.target.value), keptEnd - 100) })}
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
          onChange={(e) => onTrim({ endMs: Math.max(Number(e.target.value), keptStart + 100) })}
        />
      </div>
    </div>
  );
}
