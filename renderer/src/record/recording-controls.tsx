import { formatDuration } from '../lib/time';

interface Props {
  elapsedMs: number;
  paused: boolean;
  busy?: boolean;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
  onCancel: () => void;
}

export function RecordingControls({ elapsedMs, paused, busy, onPause, onResume, onStop, onCancel }: Props) {
  return (
    <div className="recording-controls" role="group" aria-label="Recording">
      <span className={paused ? 'rec-dot paused' : 'rec-dot'} aria-hidden="true" />
      <span role="timer" aria-label={`Elapsed ${formatDuration(elapsedMs)}`} data-testid="elapsed">
        {formatDuration(elapsedMs)}
      </span>
      {paused ? (
        <button type="button" onClick={onResume} disabled={busy}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={onPause} disabled={busy}>
          Pause
        </button>
      )}
      <button type="button" className="primary" onClick={onStop} disabled={busy}>
        Stop
      </button>
      <button type="button" className="danger" onClick={onCancel} disabled={busy}>
        Cancel recording
      </button>
    </div>
  );
}
