// Issue 18 end to end in Chromium through browser mode: Ana selects a sentence in her clip's transcript and cuts it;
// the struck words and the removed range show at once and the player's preview jumps over it; she publishes; Kenji,
// on the same workspace folder from his own data folder, syncs and plays the edited version (shorter by the cut).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createClipsStore } from '../../electron/core/library/clips-store';
import { openDatabase } from '../../electron/core/library/database';
import { createMemoryLogger } from '../../electron/core/logger';
import { saveTranscript } from '../../electron/core/transcribe/transcript-store';
import { tempDir } from '../support/temp-core';
import { call, cli, signIn, teammate } from '../support/ui-flow';
import { startWebMode, type WebMode } from '../support/web-mode';

const cleanup: { folders: { remove(): void }[]; webs: WebMode[] } = { folders: [], webs: [] };
test.afterEach(async () => {
  for (const web of cleanup.webs.splice(0)) await web.stop();
  for (const folder of cleanup.folders.splice(0)) folder.remove();
});

const word = (text: string, startMs: number, endMs: number) => ({ text, startMs, endMs, p: 0.9 });
// Three sentences; the middle one (2.0–3.9 s) is the stumble to cut.
const SEGMENTS = [
  { startMs: 200, endMs: 1800, text: 'Here is the plan.', words: [word('Here', 200, 500), word('is', 550, 700), word('the', 750, 900), word('plan.', 950, 1800)] },
  { startMs: 2000, endMs: 3900, text: 'Ignore this part please.', words: [word('Ignore', 2000, 2500), word('this', 2550, 2900), word('part', 2950, 3300), word('please.', 3350, 3900)] },
  { startMs: 4100, endMs: 5600, text: 'Ship it Monday.', words: [word('Ship', 4100, 4500), word('it', 4550, 4800), word('Monday.', 4850, 5600)] },
];

test('select a sentence, Cut, the preview skips it, publish; a teammate syncs and plays the edited version', async ({ browser }) => {
  const shared = tempDir('handoff-edit-ws-');
  const ana = tempDir('handoff-ana-');
  cleanup.folders.push(shared, ana);
  cli(ana.dir, ['profile', '--name', 'Ana', '--timezone', 'Europe/Berlin']);
  cli(ana.dir, ['workspace', 'use-folder', shared.dir, '--create']);
  // A 6 s clip at the recorder's settings (a keyframe every second), with a transcript that has word timings.
  const file = path.join(ana.dir, 'rec.mp4');
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=30', '-f', 'lavfi', '-i', 'sine=f=440:r=48000', '-t', '6',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-crf', '26', '-maxrate', '400k', '-bufsize', '800k', '-pix_fmt', 'yuv420p',
    '-force_key_frames', 'expr:gte(t,n_forced*1)', '-r', '30', '-c:a', 'aac', '-b:a', '96k', '-ac', '1', '-movflags', '+faststart', file]);
  const id = (JSON.parse(cli(ana.dir, ['--json', 'import', file, '--title', 'Plan for Monday'])) as { clip: { id: string } }).clip.id;
  const db = openDatabase(path.join(ana.dir, 'library.sqlite'), createMemoryLogger());
  saveTranscript(db, createClipsStore({ db, clock: () => new Date(), onChanged: () => undefined }), id, { language: 'en', segments: SEGMENTS });
  db.close();

  const web = await startWebMode({ dataDir: ana.dir });
  cleanup.webs.push(web);
  const page = await (await browser.newContext({ timezoneId: 'Europe/Berlin' })).newPage();
  await signIn(page, web);
  await page.goto(`${web.url}/#/clip/${encodeURIComponent(id)}`);
  const editor = page.getByTestId('clip-editor');
  await expect(editor).toBeVisible();

  // Select the second sentence the way a reader does (a text selection over its words), then Cut.
  await page.evaluate(() => {
    const sentence = document.querySelectorAll('[data-testid="edit-transcript"] p')[1];
    const range = document.createRange();
    range.selectNodeContents(sentence);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  await editor.getByRole('button', { name: 'Cut selection' }).click();
  await expect(editor.getByTestId('edit-status')).toContainText('Cut ');
  await expect(editor.getByTestId('cut-word')).toHaveCount(4);
  await expect(editor.getByTestId('removed-range')).toHaveCount(1);
  const state = (await call(page, web, 'edits:get', { clipId: id })) as { removed: { startMs: number; endMs: number }[]; editedDurationMs: number };
  const [removed] = state.removed;
  // Snapped to the words (and into the silence around them): the whole sentence, nothing of its neighbours.
  expect(removed.startMs).toBeGreaterThanOrEqual(1800);
  expect(removed.startMs).toBeLessThanOrEqual(2000);
  expect(removed.endMs).toBeGreaterThanOrEqual(3900);
  expect(removed.endMs).toBeLessThanOrEqual(4100);

  // Preview: play from just before the cut; every frame shown is outside it, and playback goes on past it.
  await expect(page.locator('video')).toHaveCount(1);
  const shown = await page.evaluate(async ({ from, cutEnd }) => {
    const video = document.querySelector('video')!;
    video.muted = true;
    video.currentTime = from / 1000;
    await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
    const times: number[] = [];
    const done = new Promise<void>((resolve) => {
      const onFrame = (_now: number, meta: { mediaTime: number }) => {
        times.push(meta.mediaTime * 1000);
        if (meta.mediaTime * 1000 > cutEnd + 400) resolve();
        else video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    });
    await video.play();
    await done;
    video.pause();
    return times;
  }, { from: removed.startMs - 600, cutEnd: removed.endMs });
  const inside = shown.filter((t) => t > removed.startMs + 100 && t < removed.endMs - 100);
  expect(inside, JSON.stringify(shown)).toEqual([]);
  expect(Math.max(...shown)).toBeGreaterThan(removed.endMs);

  // Trim from the keyboard: the start handle moves a tenth of a second per arrow key.
  const trimStart = editor.getByRole('slider', { name: 'Trim start' });
  await trimStart.focus();
  for (let i = 0; i < 3; i++) await trimStart.press('ArrowRight');
  await expect(editor.getByTestId('removed-range')).toHaveCount(2);
  const trimmed = (await call(page, web, 'edits:get', { clipId: id })) as { kept: { startMs: number }[]; editedDurationMs: number };
  expect(trimmed.kept[0].startMs).toBe(300);
  state.editedDurationMs = trimmed.editedDurationMs;

  // Publish from the draft panel: the edited version is rendered and goes out.
  await page.getByTestId('draft-panel').getByRole('button', { name: 'Publish', exact: true }).click();
  // Once published the clip is no longer a draft: its panel goes away.
  await expect(page.getByTestId('draft-panel')).toHaveCount(0, { timeout: 60_000 });
  expect(((await call(page, web, 'clips:get', { id })) as { publishedAt: string | null }).publishedAt).not.toBeNull();
  expect(((await call(page, web, 'edits:get', { clipId: id })) as { render: { state: string } }).render.state).toBe('current');

  const kenji = await teammate(browser, shared.dir, 'Kenji', 'Asia/Tokyo', cleanup);
  await call(kenji.page, kenji.web, 'sync:run', {});
  await kenji.page.goto(`${kenji.web.url}/#/clip/${encodeURIComponent(id)}`);
  await expect(kenji.page.getByRole('heading', { name: 'Plan for Monday', level: 1 })).toBeVisible();
  // Kenji has no editor (it is Ana's update), and his player plays the edited file: shorter by the cut, and it plays.
  await expect(kenji.page.getByTestId('clip-editor')).toHaveCount(0);
  // The player appears once the page knows where the video is (lazy media: streamed from the workspace folder).
  await expect(kenji.page.locator('video')).toHaveCount(1);
  const played = await kenji.page.evaluate(async () => {
    const video = document.querySelector('video')!;
    video.muted = true;
    if (video.readyState < 1) await new Promise((resolve) => video.addEventListener('loadedmetadata', resolve, { once: true }));
    await video.play();
    await new Promise<void>((resolve) => {
      const check = () => (video.currentTime > 0.5 ? resolve() : video.requestVideoFrameCallback(check));
      video.requestVideoFrameCallback(check);
    });
    video.pause();
    return { durationMs: video.duration * 1000, currentMs: video.currentTime * 1000 };
  });
  expect(Math.abs(played.durationMs - state.editedDurationMs)).toBeLessThanOrEqual(100);
  expect(played.currentMs).toBeGreaterThan(500);
});
