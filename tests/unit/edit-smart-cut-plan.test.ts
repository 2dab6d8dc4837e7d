import { describe, expect, it } from 'vitest';
import { parseX264Note, planPieces, toFrameRanges, x264Args } from '../../electron/core/edit/smart-cut-plan';

// 30 fps, a keyframe every second (frames 0, 30, 60, …), 10 s = 300 frames.
const keyframes = Array.from({ length: 10 }, (_, i) => i * 30);
const times = Array.from({ length: 300 }, (_, i) => 0.021 + i / 30);

describe('smart-cut plan', () => {
  it('maps kept ms to the frames that start inside them', () => {
    expect(toFrameRanges([{ startMs: 0, endMs: 1300 }, { startMs: 2400, endMs: 10_000 }], times)).toEqual([
      { from: 0, to: 39 },
      { from: 72, to: 300 },
    ]);
    expect(toFrameRanges([{ startMs: 5000, endMs: 5010 }], times)).toEqual([]);
  });

  const cases: [string, { from: number; to: number }[], string[]][] = [
    ['whole GOPs only: all copied', [{ from: 30, to: 90 }], ['copy 30-90']],
    ['cut inside GOPs: re-encode to the next keyframe and from the last one', [{ from: 40, to: 100 }], ['encode 40-60', 'copy 60-90', 'encode 90-100']],
    ['a range inside one GOP is re-encoded whole', [{ from: 35, to: 50 }], ['encode 35-50']],
    ['to the end of the file: copied to the end', [{ from: 250, to: 300 }], ['encode 250-270', 'copy 270-300']],
    ['from the start', [{ from: 0, to: 45 }], ['copy 0-30', 'encode 30-45']],
  ];
  it.each(cases)('%s', (_name, ranges, expected) => {
    expect(planPieces(ranges, keyframes, 300).map((p) => `${p.kind} ${p.from}-${p.to}`)).toEqual(expected);
  });

  it("reads the recorder's x264 settings from the encoder's note, and refuses what the recorder never writes", () => {
    const note = 'x264 - core 164 r3095 - H.264/MPEG-4 AVC codec - options: cabac=0 ref=1 subme=0 bframes=0 rc=crf crf=26.0 vbv_maxrate=2000 vbv_bufsize=4000 ip_ratio=1.40';
    const settings = parseX264Note(`junk\0${note}\0more`);
    expect(settings).toEqual({ preset: 'ultrafast', crf: 26, maxrateK: 2000, bufsizeK: 4000 });
    expect(x264Args(settings!, '30/1')).toEqual(expect.arrayContaining(['-preset', 'ultrafast', '-crf', '26', '-maxrate', '2000k', '-r', '30/1']));
    expect(parseX264Note(note.replace('bframes=0', 'bframes=3'))).toBeNull();
    expect(parseX264Note(note.replace('subme=0', 'subme=7'))).toBeNull();
    expect(parseX264Note('Lavc60 libopenh264')).toBeNull();
  });
});
