// Lazy media (issue 19) in Chromium through browser mode, for a folder workspace and a bucket on s3rver: Anna
// publishes two real MP4 updates with the CLI; Kenji's `handoff web` syncs them without copying a video, plays one
// (the first frame decodes from bytes streamed out of the workspace), keeps it offline from its page, and sees a clear
// "Video unavailable" instead of a player for the other once its video is removed from the workspace.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { expect, test } from '@playwright/test';
import { startTestS3, type TestS3 } from '../support/s3';
import { tempDir } from '../support/temp-core';
import { call, signIn } from '../support/ui-flow';
import { startWebMode, type WebMode } from '../support/web-mode';
import { runCli } from '../support/cli-process';

const s3Env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };
const folders: { remove(): void }[] = [];
const webs: WebMode[] = [];
const buckets: TestS3[] = [];
test.afterEach(async () => {
  for (const web of webs.splice(0)) await web.stop();
  for (const s3 of buckets.splice(0)) await s3.close();
  for (const folder of folders.splice(0)) folder.remove();
});

const made = (name: string) => {
  const folder = tempDir(`handoff-${name}-`);
  folders.push(folder);
  return folder.dir;
};

function tinyMp4(file: string, seconds: number): string {
  const run = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=320x240:rate=15:duration=${seconds}`, '-f', 'lavfi', '-i', `sine=frequency=500:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '32k', '-shortest', '-movflags', '+faststart', file]);
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr.toString()}`);
  return file;
}

const cli = (dataDir: string, args: string[]) => runCli(dataDir, args, { ...process.env, ...s3Env });

const videosUnder = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mp4')) : []);

for (const kind of ['folder', 's3'] as const) {
  test(`plays a teammate's video streamed from a ${kind} workspace, keeps it offline, and shows a removed one as unavailable`, async ({ browser }) => {
    let useWorkspace: string[];
    let workspaceCall: [string, unknown];
    let removeVideo: (id: string) => Promise<void>;
    if (kind === 'folder') {
      const ws = made('ws');
      useWorkspace = ['workspace', 'use-folder', ws];
      workspaceCall = ['workspace:useFolder', { dir: ws }];
      removeVideo = async (id) => rmSync(path.join(ws, 'updates', id, 'video.mp4'));
    } else {
      const s3 = await startTestS3('remote-media');
      buckets.push(s3);
      useWorkspace = ['workspace', 'use-s3', '--bucket', s3.bucket, '--endpoint', s3.endpoint, '--prefix', 'team', '--path-style'];
      workspaceCall = ['workspace:useS3', { bucket: s3.bucket, endpoint: s3.endpoint, prefix: 'team', pathStyle: true }];
      removeVideo = async (id) => {
        await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: `team/updates/${id}/video.mp4` }));
      };
    }

    // Anna publishes two updates with the real CLI.
    const anna = made('anna');
    const media = made('media');
    await cli(anna, ['profile', '--name', 'Anna', '--timezone', 'Europe/Berlin']);
    await cli(anna, useWorkspace);
    const ids: string[] = [];
    for (const [i, title] of ['Roadmap', 'Old demo'].entries()) {
      const file = tinyMp4(path.join(media, `u${i}.mp4`), 4);
      const imported = JSON.parse(await cli(anna, ['--json', 'import', file, '--title', title])) as { clip: { id: string } };
      await cli(anna, ['publish', imported.clip.id]);
      ids.push(imported.clip.id);
    }
    const [playId, goneId] = ids;

    // Kenji's browser mode syncs them: every update, no video.
    const web = await startWebMode({ env: s3Env });
    webs.push(web);
    const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    await signIn(page, web, { 'profile.name': 'Kenji', 'profile.timezone': 'Asia/Tokyo' });
    await call(page, web, workspaceCall[0], workspaceCall[1]);
    const report = (await call(page, web, 'sync:run', { full: true })) as { syncing: unknown[] };
    expect(report.syncing).toEqual([]);
    expect(videosUnder(web.dataDir)).toEqual([]);

    // Playing: the first frame decodes from bytes streamed out of the workspace.
    await page.goto(`${web.url}/#/clip/${playId}`);
    const panel = page.getByTestId('media-panel');
    await expect(panel).toContainText('Streams from the workspace');
    const video = page.locator('video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(2);
    expect(await video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(320);

    // Keep offline: fetched into the media cache, and said so on the page.
    await page.getByTestId('keep-offline').check();
    await expect(panel).toHaveAttribute('data-state', 'cached');
    await expect(panel).toContainText('Kept in the media cache');
    expect(existsSync(path.join(web.dataDir, 'cache', 'media', `${playId}.mp4`))).toBe(true);

    // A video removed from the workspace: a clear state, and no player.
    await removeVideo(goneId);
    await page.goto(`${web.url}/#/clip/${goneId}`);
    await expect(page.getByTestId('media-missing')).toContainText('Video unavailable');
    await expect(page.getByTestId('media-missing')).toContainText('no longer in the workspace');
    await expect(page.locator('video')).toHaveCount(0);
    // Nothing to keep offline, so nothing offered: the box says it all.
    await expect(page.getByTestId('keep-offline')).toHaveCount(0);
    await context.close();
  });
}
