// A share link of an edited clip shows the edited version (issue 18): making the link renders the edit, the page's
// transcript is in edited time without the cut words, and the video and its download are the rendered file. Real core,
// real share server on 127.0.0.1, real ffmpeg.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../support/media-check';
import { startShareHarness, type ShareHarness } from '../support/share-harness';
import { hasFfmpeg, makeTestClip } from '../support/test-clip';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(!hasFfmpeg())('sharing an edited clip', () => {
  let h: ShareHarness;
  beforeAll(async () => {
    h = await startShareHarness();
  });
  afterAll(async () => h?.close());

  it('serves the rendered edit on the page, the video and the download', async () => {
    const { clip, dir } = makeTestClip(h.core.db, h.core.paths.clipsDir);
    await h.call('edits:apply', { clipId: clip.id, operation: { kind: 'cut', ranges: [{ startMs: 1000, endMs: 2000 }] } });
    const link = await h.call('share:create', { clipId: clip.id });
    const edited = readFileSync(path.join(dir, 'edited.mp4'));

    const page = await (await fetch(link.url)).text();
    expect(page).not.toContain('The release is blocked');
    expect(page).toContain('Please approve the plan by Friday.');
    const video = Buffer.from(await (await fetch(`${link.url}/video.mp4`)).arrayBuffer());
    expect(sha(video)).toBe(sha(edited));
    const download = Buffer.from(await (await fetch(`${link.url}/download`)).arrayBuffer());
    expect(sha(download)).toBe(sha(edited));
    const served = path.join(dir, 'served-copy.mp4');
    writeFileSync(served, video);
    expect(Math.abs(probe(served).durationMs - 3000)).toBeLessThanOrEqual(40);
    const captions = await (await fetch(`${link.url}/captions.vtt`)).text();
    expect(captions).toContain('00:00:01.000 --> 00:00:02.000\nPlease approve the plan by Friday.');
    // The original is still the clip's own file, untouched.
    expect(sha(readFileSync(path.join(dir, 'video.mp4')))).not.toBe(sha(edited));
  });

  it('follows a further edit: the link serves the new cut once the edits pause, without a press on Render', async () => {
    const { clip } = makeTestClip(h.core.db, h.core.paths.clipsDir);
    await h.call('edits:apply', { clipId: clip.id, operation: { kind: 'cut', ranges: [{ startMs: 1000, endMs: 2000 }] } });
    const link = await h.call('share:create', { clipId: clip.id });
    const servedMs = async () => {
      const file = path.join(h.core.paths.dataDir, `served-${clip.id}.mp4`);
      writeFileSync(file, Buffer.from(await (await fetch(`${link.url}/video.mp4`)).arrayBuffer()));
      return probe(file).durationMs;
    };
    expect(Math.abs((await servedMs()) - 3000)).toBeLessThanOrEqual(40);

    // The author cuts another second after the link went out: the render is stale until the edits pause.
    const after = await h.call('edits:apply', { clipId: clip.id, operation: { kind: 'cut', ranges: [{ startMs: 2500, endMs: 3500 }] } });
    expect(after.render.state).toBe('stale');
    const deadline = Date.now() + 30_000;
    while ((await h.call('edits:get', { clipId: clip.id })).render.state !== 'current') {
      if (Date.now() > deadline) throw new Error('the edit a link serves was never rendered again');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(Math.abs((await servedMs()) - 2000)).toBeLessThanOrEqual(40);
    const captions = await (await fetch(`${link.url}/captions.vtt`)).text();
    expect(captions).not.toContain('The release is blocked');
  });
});
