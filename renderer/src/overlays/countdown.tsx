// 3-2-1 before a recording starts, in its own click-through window; it closes itself at zero.
import { useEffect, useState } from 'react';

export function Countdown({ seconds }: { seconds: number }) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    if (left <= 0) {
      window.close();
      return;
    }
    const timer = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return (
    <main className="countdown-overlay">
      <h1 className="visually-hidden">Recording starts in</h1>
      <div role="timer" aria-live="assertive" data-testid="countdown">
        {left > 0 ? <span>{left}</span> : null}
      </div>
    </main>
  );
}
