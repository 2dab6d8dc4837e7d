// decisions:list over a real core: decisions recorded with events:add are listed newest first with their update's
// title, filtered by words, and other event kinds stay out.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallOutput } from '../../shared/contract';
import { insertClip } from '../../electron/core/library/clips-store';
import { makeTempCore } from '../support/temp-core';

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
});

describe('decisions:list', () => {
  it('lists decisions with their clip, filters by words, and ignores reactions', async () => {
    const temp = makeTempCore();
    dispose = temp.dispose;
    const { core } = temp;
    const now = new Date();
    for (const [id, title] of [['clip-aaaa01', 'Release plan'], ['clip-bbbb02', 'Budget review']]) {
      insertClip(core.db, { id, authorName: 'Bea', authorTimezone: 'Europe/Berlin', recordedAt: now, title, state: 'ready', source: 'imported' }, now);
    }
    const add = async (input: object) => {
      const result = await core.dispatch('events:add', input);
      expect(result.ok, JSON.stringify(result)).toBe(true);
    };
    await add({ clipId: 'clip-aaaa01', kind: 'decision', text: 'Ship on Monday', atMs: 3000 });
    await add({ clipId: 'clip-bbbb02', kind: 'decision', text: 'Keep the cloud budget' });
    await add({ clipId: 'clip-aaaa01', kind: 'reaction', emoji: '👍', atMs: 1000 });

    const list = async (input: object) => {
      const result = await core.dispatch('decisions:list', input);
      if (!result.ok) throw new Error(result.error.message);
      return (result.value as CallOutput<'decisions:list'>).decisions;
    };
    const all = await list({});
    expect(all.map((d) => d.text).sort()).toEqual(['Keep the cloud budget', 'Ship on Monday']);
    expect(all.find((d) => d.text === 'Ship on Monday')).toMatchObject({ clipId: 'clip-aaaa01', clipTitle: 'Release plan', atMs: 3000 });
    expect((await list({ query: 'release monday' })).map((d) => d.text)).toEqual(['Ship on Monday']);
    expect(await list({ query: '100%' })).toEqual([]);
  });
});
