import { describe, expect, it } from 'vitest';
import { levelFromDb, recordOptionsFor } from '../../renderer/src/record/record-options';
import { firstSentence } from '../../renderer/src/record/use-title-suggestion';
import { addWarning } from '../../renderer/src/record/warnings';
import { parseHash, recordReplyHref } from '../../renderer/src/lib/route';
import { recordOptions } from '../../shared/contract/recorder';

describe('title suggestion', () => {
  it('takes the first sentence across segments', () => {
    expect(firstSentence([{ text: ' Hello team, here is' }, { text: 'the update. Then more.' }])).toBe('Hello team, here is the update');
  });
  it('is empty without text and cut to a title length', () => {
    expect(firstSentence([])).toBe('');
    expect(firstSentence([{ text: '  ' }])).toBe('');
    expect(firstSentence([{ text: 'word '.repeat(40) }], 20)).toHaveLength(20);
  });
});

describe('recorder port helpers', () => {
  it('maps dBFS to a 0–1 meter level', () => {
    expect(levelFromDb(null)).toBe(0);
    expect(levelFromDb(-90)).toBe(0);
    expect(levelFromDb(-30)).toBeCloseTo(0.5);
    expect(levelFromDb(3)).toBe(1);
  });
  it('the synthetic choice records the synthetic display and mic, and every choice is valid recorder input', () => {
    const synthetic = recordOptionsFor({ screen: ':0', camera: 'cam', mic: 'mic', synthetic: true });
    expect(synthetic).toMatchObject({ display: 'synthetic', mic: 'synthetic', camera: null });
    const cameraOnly = recordOptionsFor({ screen: '', camera: '/dev/video0', mic: '', synthetic: false });
    expect(cameraOnly).toMatchObject({ display: null, camera: '/dev/video0', mic: null, cameraOnly: true });
    for (const options of [synthetic, cameraOnly]) expect(recordOptions.safeParse(options).success).toBe(true);
  });
});

describe('record route', () => {
  it('carries the clip a video reply answers', () => {
    expect(parseHash(recordReplyHref('abc-123'))).toEqual({ name: 'record', replyTo: 'abc-123' });
    expect(parseHash('#/record')).toEqual({ name: 'record', replyTo: null });
  });
});

describe("the Record page's warnings", () => {
  it('say a fallback once however often it is repeated, and keep one line per kind', () => {
    const fallback = { kind: 'live-transcription-fallback', message: 'Live transcription stopped; it is transcribed after you stop.' };
    const once = addWarning([], fallback);
    expect(addWarning(once, { ...fallback })).toBe(once);
    const both = addWarning(once, { kind: 'live-publish-fallback', message: 'Publishing while recording stopped.' });
    expect(both.map((w) => w.kind)).toEqual(['live-transcription-fallback', 'live-publish-fallback']);
    const adapted = addWarning(addWarning(both, { kind: 'falling-behind', message: 'Lowered to 24 fps.' }), { kind: 'falling-behind', message: 'Lowered to 15 fps.' });
    expect(adapted).toHaveLength(3);
    expect(adapted[2].message).toBe('Lowered to 15 fps.');
  });
});
