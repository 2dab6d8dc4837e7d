// Region selection as pure functions: a drag becomes the screen rectangle the recorder captures.
export type Rect = { x: number; y: number; width: number; height: number };

export function normalizeRect(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/** x264 needs even dimensions and the recorder refuses regions under 16 px; `origin` is the window's screen position. */
export function toCaptureRegion(rect: Rect, origin: { x: number; y: number }): Rect | null {
  const width = Math.floor(rect.width / 2) * 2;
  const height = Math.floor(rect.height / 2) * 2;
  if (width < 16 || height < 16) return null;
  return { x: Math.max(0, Math.round(rect.x + origin.x)), y: Math.max(0, Math.round(rect.y + origin.y)), width, height };
}
