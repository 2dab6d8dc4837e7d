import { describe, expect, it } from 'vitest';
import { nextSilence, SILENT_AFTER_MS } from '../../renderer/src/lib/silence';

describe('silent mic warning', () => {
  const feed = (levels: [number, number, boolean?][]) => {
    let state = { lastLoudMs: 0 };
    const out: boolean[] = [];
    for (const [elapsedMs, level, paused = false] of levels) {
      const next = nextSilence(state, { elapsedMs, level, paused });
      state = next;
      out.push(next.silent);
    }
    return out;
  };

  it(`warns after ${SILENT_AFTER_MS} ms below the threshold, and clears on sound`, () => {
    expect(feed([[0, 0], [1000, 0], [2999, 0.01], [3000, 0], [3500, 0.3], [4000, 0]])).toEqual([false, false, false, true, false, false]);
  });

  it('does not count paused time as silence', () => {
    expect(feed([[0, 0], [2000, 0, true], [4000, 0, true], [4500, 0]])).toEqual([false, false, false, false]);
  });
});
