import { describe, expect, it } from 'vitest';
import { SAMPLE_RATE, createWindowCutter } from '../../electron/core/transcribe/live/window-cutter';

/** `ms` of a loud tone (speech stand-in) or of silence. */
function sound(ms: number, loud: boolean): Int16Array {
  const samples = new Int16Array((ms / 1000) * SAMPLE_RATE);
  if (loud) for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE));
  return samples;
}

function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const ms = (samples: number) => (samples / SAMPLE_RATE) * 1000;

describe('window cutter', () => {
  it('cuts in the middle of the first pause after the minimum length, never inside speech', () => {
    const cutter = createWindowCutter({ minMs: 10_000, maxMs: 30_000, pauseMs: 300 });
    // Speech until 6 s, a pause (ignored: too early), speech until 12 s, a 1 s pause, more speech.
    const audio = concat(sound(6000, true), sound(500, false), sound(5500, true), sound(1000, false), sound(4000, true));
    const windows = [];
    for (let at = 0; at < audio.length; at += 1600) windows.push(...cutter.push(audio.subarray(at, at + 1600)));
    expect(windows).toHaveLength(1);
    const cut = ms(windows[0].samples.length);
    // The pause runs 12–13 s: the cut is 150 ms into it (half the 300 ms run that triggers it).
    expect(cut).toBeGreaterThanOrEqual(12_000);
    expect(cut).toBeLessThan(13_000);
    const rest = cutter.flush()!;
    expect(rest.startSample).toBe(windows[0].samples.length);
    expect(rest.startSample + rest.samples.length).toBe(audio.length);
  });

  it('cuts at the maximum when nobody pauses, at the quietest moment', () => {
    const cutter = createWindowCutter({ minMs: 10_000, maxMs: 20_000 });
    const quieter = sound(200, true).map((v) => Math.round(v / 20));
    const audio = concat(sound(15_000, true), quieter, sound(10_000, true));
    const windows = cutter.push(audio);
    expect(windows).toHaveLength(1);
    expect(ms(windows[0].samples.length)).toBeGreaterThanOrEqual(15_000);
    expect(ms(windows[0].samples.length)).toBeLessThanOrEqual(15_200);
  });

  it('keeps a short recording as one window for the flush', () => {
    const cutter = createWindowCutter();
    expect(cutter.push(sound(4000, true))).toEqual([]);
    expect(ms(cutter.flush()!.samples.length)).toBe(4000);
    expect(cutter.flush()).toBeNull();
  });
});
