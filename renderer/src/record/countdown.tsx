import { useEffect, useState } from 'react';

/** 3-2-1 before recording starts; Escape or the button cancels. */
export function Countdown({ from = 3, onDone, onCancel }: { from?: number; onDone: () => void; onCancel: () => void }) {
  const [left, setLeft] = useState(from);
  useEffect(() => {
    if (left <= 0) {
      onDone();
      return;
    }
    const timer = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(timer);
  }, [left, onDone]);
  return (
    <div className="record-countdown" onKeyDown={(e) => e.key === 'Escape' && onCancel()} data-testid="countdown">
      <p className="hint">Recording starts in</p>
      <span className="countdown-number" role="timer" aria-live="assertive">
        {left > 0 ? left : ''}
      </span>
      <button type="button" onClick={onCancel} autoFocus>
        Cancel
      </button>
    </div>
  );
}
