// Search on an edited clip lands on the second a viewer of the edited version sees (issue 18): after cutting 1–2 s,
// a word said at 2.0 s of the recording is found at 1.0 s.
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempCore } from '../support/temp-core';
import { hasFfmpeg, makeTestClip } from '../support/test-clip';

describe.skipIf(!hasFfmpeg())('search in edited time', () => {
  const temp = makeTempCore();
  afterAll(() => temp.dispose());

  it('moves transcript hits to edited time, and back when the edit is reset', async () => {
    const { core } = temp;
    const { clip } = makeTestClip(core.db, core.paths.clipsDir);
    const find = async () => {
      const result = await core.dispatch('search:query', { query: 'approve' });
      if (!result.ok) throw new Error(result.error.message);
      return (result.value as { hits: { clipId: string; field: string; startMs: number | null }[] }).hits.find((h) => h.field === 'transcript');
    };
    expect((await find())?.startMs).toBe(2000);
    await core.edits.apply(clip.id, { kind: 'cut', ranges: [{ startMs: 1000, endMs: 2000 }], snap: false });
    expect((await find())?.startMs).toBe(1000);
    await core.edits.reset(clip.id);
    expect((await find())?.startMs).toBe(2000);
  });
});
