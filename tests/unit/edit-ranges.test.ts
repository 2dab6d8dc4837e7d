import { describe, expect, it } from 'vitest';
import {
  applyCuts,
  applyTrim,
  editedToOriginal,
  keptDuration,
  nextKeptTime,
  normalizeCuts,
  originalToEdited,
  removedRanges,
  type Range,
} from '../../shared/edit/ranges';
import { fillerCuts, findPhrase, parseSilences, shiftTranscript, silenceCuts, snapCut, type EditSegment } from '../../shared/edit/words';

const r = (startMs: number, endMs: number): Range => ({ startMs, endMs });
const D = 10_000;

describe('cuts against a 10 s clip', () => {
  const cases: [string, Range[], Range[] | string][] = [
    ['one cut', [r(2000, 3000)], [r(0, 2000), r(3000, D)]],
    ['overlapping cuts are merged', [r(2000, 4000), r(3000, 5000)], [r(0, 2000), r(5000, D)]],
    ['touching cuts are merged', [r(2000, 3000), r(3000, 4000)], [r(0, 2000), r(4000, D)]],
    ['order does not matter', [r(7000, 8000), r(1000, 2000)], [r(0, 1000), r(2000, 7000), r(8000, D)]],
    ['trimming the head by a cut', [r(0, 1500)], [r(1500, D)]],
    ['empty cut refused', [r(3000, 3000)], 'is empty'],
    ['reversed cut refused', [r(4000, 3000)], 'is empty'],
    ['negative start refused', [r(-100, 3000)], 'outside the clip'],
    ['past the end refused', [r(9000, 12_000)], 'outside the clip'],
    ['starting at the end refused', [r(D, D + 10)], 'outside the clip'],
    ['cutting everything refused', [r(0, D)], 'whole clip'],
    ['cutting everything in pieces refused', [r(0, 5000), r(5000, D)], 'whole clip'],
    ['no cut refused', [], 'Nothing to cut'],
  ];
  it.each(cases)('%s', (_name, cuts, expected) => {
    const result = applyCuts([r(0, D)], cuts, D);
    if (typeof expected === 'string') {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain(expected);
    } else {
      expect(result).toEqual({ ok: true, value: expected });
    }
  });

  it('a cut over a range already removed changes nothing more, and cutting the rest is refused', () => {
    const first = applyCuts([r(0, D)], [r(0, 5000)], D);
    expect(first.ok && first.value).toEqual([r(5000, D)]);
    const again = applyCuts([r(5000, D)], [r(1000, 6000)], D);
    expect(again.ok && again.value).toEqual([r(6000, D)]);
    expect(applyCuts([r(6000, D)], [r(6000, D)], D).ok).toBe(false);
  });

  it('normalizes a cut a rounding past the end to the end', () => {
    expect(normalizeCuts([r(9000, D + 0.5)], D)).toEqual({ ok: true, value: [r(9000, D)] });
  });
});

describe('trim', () => {
  const cases: [string, { startMs?: number; endMs?: number }, Range[] | string][] = [
    ['start only', { startMs: 1000 }, [r(1000, D)]],
    ['end only', { endMs: 8000 }, [r(0, 8000)]],
    ['both', { startMs: 500, endMs: 9500 }, [r(500, 9500)]],
    ['nothing', {}, [r(0, D)]],
    ['end before start refused', { startMs: 5000, endMs: 4000 }, 'would keep nothing'],
    ['outside refused', { endMs: 20_000 }, 'inside the clip'],
  ];
  it.each(cases)('%s', (_name, trim, expected) => {
    const result = applyTrim([r(0, D)], trim, D);
    if (typeof expected === 'string') expect(!result.ok && result.message).toContain(expected);
    else expect(result).toEqual({ ok: true, value: expected });
  });
});

describe('edited ↔ original time', () => {
  const kept = [r(1000, 3000), r(5000, 6000), r(8000, D)]; // 2 s + 1 s + 2 s
  const cases: [number, number][] = [
    [0, 0], // before the first kept range: the edited start
    [1000, 0],
    [2500, 1500],
    [3000, 2000], // the first instant removed plays what follows the cut
    [4000, 2000],
    [5000, 2000],
    [5500, 2500],
    [8000, 3000],
    [9999, 4999],
    [D, 5000],
  ];
  it.each(cases)('original %d ms → edited %d ms', (original, edited) => {
    expect(originalToEdited(kept, original)).toBe(edited);
  });
  it.each([[0, 1000], [1999, 2999], [2000, 5000], [2999, 5999], [3000, 8000], [4999, 9999], [5000, D], [9000, D]])('edited %d ms → original %d ms', (edited, original) => {
    expect(editedToOriginal(kept, edited)).toBe(original);
  });
  it('durations, removed ranges and where playback continues', () => {
    expect(keptDuration(kept)).toBe(5000);
    expect(removedRanges(kept, D)).toEqual([r(0, 1000), r(3000, 5000), r(6000, 8000)]);
    expect(nextKeptTime(kept, 3500)).toBe(5000);
    expect(nextKeptTime(kept, 5500)).toBe(5500);
    expect(nextKeptTime([r(0, 3000)], 3500)).toBeNull();
  });
});

const words = [
  { startMs: 100, endMs: 400, text: 'Hello' },
  { startMs: 450, endMs: 700, text: 'um,' },
  { startMs: 1000, endMs: 1400, text: 'the' },
  { startMs: 1420, endMs: 1900, text: 'release' },
  { startMs: 2300, endMs: 2600, text: 'Uh' },
  { startMs: 2650, endMs: 3000, text: 'slipped.' },
];

describe('snapping a selection', () => {
  const silences = [r(700, 1000), r(1900, 2300)];
  const cases: [string, Range, Range[], Range][] = [
    // Inside "the" and "release": widened to the words, then each edge into the silence beside it (within 150 ms).
    ['to word edges, then into the silence either side', r(1100, 1800), silences, r(1000, 1900)],
    ['an edge within 150 ms of a silence moves into it', r(1150, 1900), [r(850, 1000), r(1950, 2300)], r(1000, 1950)],
    ['a silence more than 150 ms away is not used', r(1000, 1400), [r(1650, 1800)], r(1000, 1400)],
    ['no silence: word edges only', r(1200, 1500), [], r(1000, 1900)],
    // Silence starts before the previous word ends: the start never moves back into a kept word.
    ['never into a kept word', r(1420, 1900), [r(1300, 1380)], r(1400, 1900)],
  ];
  it.each(cases)('%s', (_name, selection, silent, expected) => {
    expect(snapCut(selection, words, silent)).toEqual(expected);
  });
});

describe('transcript cuts', () => {
  const segments: EditSegment[] = [
    { startMs: 100, endMs: 1900, text: 'Hello um, the release', words: words.slice(0, 4) },
    { startMs: 2300, endMs: 3000, text: 'Uh slipped.', words: words.slice(4) },
  ];
  it('filler words (case and punctuation ignored)', () => {
    expect(fillerCuts(segments, 'en')).toEqual({ ok: true, value: [r(450, 700), r(2300, 2600)] });
  });
  it('filler removal without a transcript or word timings says why', () => {
    expect(fillerCuts([], 'en')).toMatchObject({ ok: false, message: expect.stringContaining('no transcript') });
    expect(fillerCuts([{ startMs: 0, endMs: 1000, text: 'um yes', words: [] }], 'en')).toMatchObject({ ok: false, message: expect.stringContaining('no word timings') });
    expect(fillerCuts(segments, 'xx')).toMatchObject({ ok: false, message: expect.stringContaining('no filler-word list') });
  });
  it('finds a phrase as consecutive words', () => {
    expect(findPhrase(words, 'the RELEASE')).toEqual([r(1000, 1900)]);
    expect(findPhrase(words, 'release the')).toEqual([]);
  });
  it('shifts segments and words to edited time, striking removed words', () => {
    const kept = [r(0, 450), r(700, 2300), r(2600, D)];
    const shifted = shiftTranscript(segments, kept);
    expect(shifted.map((s) => s.text)).toEqual(['Hello the release', 'slipped.']);
    expect(shifted[0].words.map((w) => [w.startMs, w.endMs])).toEqual([[100, 400], [750, 1150], [1170, 1650]]);
    expect(shifted[1]).toMatchObject({ startMs: 2050, endMs: 2450 });
    expect(shiftTranscript(segments, [r(0, 2000)]).map((s) => s.text)).toEqual(['Hello um, the release']);
  });
});

describe('silences', () => {
  it('parses silencedetect and leaves a short pause', () => {
    const stderr = [
      '[silencedetect @ 0x1] silence_start: 1.5',
      '[silencedetect @ 0x1] silence_end: 4.25 | silence_duration: 2.75',
      '[silencedetect @ 0x1] silence_start: 6',
      '[silencedetect @ 0x1] silence_end: 6.8 | silence_duration: 0.8',
      '[silencedetect @ 0x1] silence_start: 9',
    ].join('\n');
    const silences = parseSilences(stderr, D);
    expect(silences).toEqual([r(1500, 4250), r(6000, 6800), r(9000, D)]);
    expect(silenceCuts(silences, 1500, 400)).toEqual([r(1700, 4050)]);
    expect(silenceCuts(silences, 500, 400)).toEqual([r(1700, 4050), r(6200, 6600), r(9200, 9800)]);
  });
});
