import { describe, expect, it } from 'vitest';
import { recordOptions } from '../../shared/contract/recorder';
import { cheaperSettings, createSilenceWatch } from '../../electron/core/capture/real-time-policy';

describe('fall-behind policy', () => {
  it('steps to a faster preset, then 20 fps, then 720p', () => {
    let state = { encode: { encoder: 'libx264' as const, preset: 'superfast' as const, fps: 30 }, options: recordOptions.parse({}) };
    state = cheaperSettings(state.encode, state.options) as typeof state;
    expect(state.encode).toMatchObject({ preset: 'ultrafast', fps: 30 });
    state = cheaperSettings(state.encode, state.options) as typeof state;
    expect(state.encode.fps).toBe(20);
    state = cheaperSettings(state.encode, state.options) as typeof state;
    expect(state.options.maxHeight).toBe(720);
  });
});

describe('silent mic watch', () => {
  it('warns once after the silence lasts, and re-arms when sound returns', () => {
    const watch = createSilenceWatch(-55, 4000);
    expect(watch(-Infinity, 0)).toBeNull();
    expect(watch(-80, 3500)).toBeNull();
    expect(watch(-80, 4000)).toBe(4);
    expect(watch(-80, 6000)).toBeNull();
    expect(watch(-20, 6500)).toBeNull();
    expect(watch(null, 7000)).toBeNull();
    expect(watch(null, 11000)).toBe(4);
  });
});
