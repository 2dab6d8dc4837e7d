// Drag a rectangle to record just that part of the screen. The desktop shell shows this page in a transparent window
// covering one display, so page coordinates plus the window's screen position are screen coordinates.
import { useState, type PointerEvent } from 'react';
import { useApi } from '../api/context';
import { normalizeRect, toCaptureRegion, type Rect } from '../lib/region';

export function RegionSelect() {
  const api = useApi();
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);
  const [rect, setRect] = useState<Rect | null>(null);
  const [message, setMessage] = useState('Drag to choose the area to record. Esc cancels.');

  const point = (e: PointerEvent) => ({ x: e.clientX, y: e.clientY });
  const finish = async (selected: Rect) => {
    const region = toCaptureRegion(selected, { x: window.screenX, y: window.screenY });
    if (!region) {
      setMessage('That area is too small: drag at least 16 × 16 pixels.');
      return;
    }
    try {
      await api.recorder.start({ region });
      setMessage(`Recording ${region.width} × ${region.height}`);
      window.close();
    } catch (e) {
      setMessage(`Could not start recording: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <div
      className="region-select"
      data-testid="region-select"
      tabIndex={0}
      onKeyDown={(e) => e.key === 'Escape' && window.close()}
      onPointerDown={(e) => {
        setStart(point(e));
        setRect(null);
      }}
      onPointerMove={(e) => start && setRect(normalizeRect(start, point(e)))}
      onPointerUp={(e) => {
        if (!start) return;
        const selected = normalizeRect(start, point(e));
        setStart(null);
        void finish(selected);
      }}
    >
      <p className="region-hint" role="status">
        {message}
      </p>
      {rect ? (
        <div className="region-rect" style={{ left: rect.x, top: rect.y, width: rect.width, height: rect.height }}>
          <span>
            {Math.round(rect.width)} × {Math.round(rect.height)}
          </span>
        </div>
      ) : null}
    </div>
  );
}
