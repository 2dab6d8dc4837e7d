// Analytics where a server exists: per view, seconds watched and completion (of the clip's length), and `handoff
// links` grouping views per viewer with how far each got.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShareHarness, type ShareHarness } from '../support/share-harness';
import { request } from '../support/raw-http';
import { hasFfmpeg, makeTestClip, type TestClip } from '../support/test-clip';
import { handoff } from '../support/workspace-helpers';

describe.skipIf(!hasFfmpeg())('share link analytics (share server)', () => {
  let h: ShareHarness;
  let clip: TestClip;

  beforeAll(async () => {
    h = await startShareHarness();
    clip = makeTestClip(h.core.db, h.core.paths.clipsDir);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('reports completion per view and views per viewer', async () => {
    const { token } = await h.call('share:create', { clipId: clip.clip.id });
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const watch = async (seconds: number, name: string | null) => {
      // Each page load without the view cookie is a new viewer session; its beacons carry that session's cookie.
      const opened = await request(h.server.port, `/${token}`);
      const view = /data-view="(\d+)"/.exec(opened.body.toString())![1];
      const cookie = { Cookie: String(opened.headers['set-cookie']).split(';')[0] };
      const body = `view=${view}&seconds=${seconds}${name ? `&name=${encodeURIComponent(name)}` : ''}`;
      expect((await request(h.server.port, `/${token}/beacon`, { method: 'POST', headers: { ...form, ...cookie }, body })).status).toBe(204);
    };
    await watch(1, 'Ana');
    await watch(3, 'Ana');
    await watch(6, null);
    const { links } = await h.call('share:list', { clipId: clip.clip.id });
    // The test clip is 4 s long: the server clamps a longer claim to it, which is complete.
    expect(links[0].views.map((v) => [v.viewerName, v.secondsWatched, v.completion])).toEqual([
      ['Ana', 1, 0.25],
      ['Ana', 3, 0.75],
      [null, 4, 1],
    ]);
    const run = await handoff(h.dataDir, ['links', clip.clip.id]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('3 view(s), 8 s watched by Ana, 67% completion on average');
    expect(run.stdout).toContain('Ana: 2 view(s), 4 s, up to 75% watched');
    expect(run.stdout).toContain('unnamed viewers: 1 view(s), 4 s, up to 100% watched');
  });
});
