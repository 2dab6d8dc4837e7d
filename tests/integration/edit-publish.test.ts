// An edited update reaches teammates (issue 18): publishing an edited clip sends its smart-cut render, not the raw
// recording; editing it again after it went out republishes it as a new write-once video with a new manifest version,
// and the teammate's next sync switches to it. The original stays in the workspace. Real CLI, real ffmpeg, real
// folder workspace shared by two data folders.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { probe } from '../support/media-check';
import { addClipFromFile, handoff, hasFfmpeg, tempDir } from '../support/workspace-helpers';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** 6 s at the recorder's settings: x264 ultrafast/zerolatency, CRF 26, a keyframe every second, mono AAC. */
function recordingLike(file: string): string {
  execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=30', '-f', 'lavfi', '-i', 'sine=f=440:r=48000',
    '-t', '6', '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-crf', '26', '-maxrate', '400k', '-bufsize', '800k',
    '-pix_fmt', 'yuv420p', '-force_key_frames', 'expr:gte(t,n_forced*1)', '-fps_mode', 'cfr', '-r', '30',
    '-c:a', 'aac', '-b:a', '96k', '-ac', '1', '-movflags', '+faststart', file,
  ]);
  return file;
}

describe.skipIf(!hasFfmpeg())('publishing an edited update', () => {
  it('publishes the edit, republishes a later edit as a new version, and the teammate switches to it on sync', async () => {
    const workspace = tempDir('edit-ws');
    const berlin = tempDir('edit-berlin');
    const tokyo = tempDir('edit-tokyo');
    const ok = async (dir: string, args: string[]) => {
      const run = await handoff(dir, args);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      return run;
    };
    await ok(berlin, ['profile', '--name', 'Anna', '--timezone', 'Europe/Berlin', '--hours', '09:00-17:30']);
    await ok(tokyo, ['profile', '--name', 'Kenji', '--timezone', 'Asia/Tokyo', '--hours', '10:00-19:00']);
    await ok(berlin, ['workspace', 'use-folder', workspace, '--create']);
    await ok(tokyo, ['workspace', 'use-folder', workspace]);

    const id = await addClipFromFile(berlin, recordingLike(path.join(tempDir('edit-media'), 'rec.mp4')), { recordedAt: new Date('2026-12-04T10:00:00Z'), title: 'Plan' });
    const original = path.join(berlin, 'clips', id, 'video.mp4');
    const originalSha = sha(original);

    // Bad input is refused with a sentence, and nothing changes.
    const overlapping = await handoff(berlin, ['cut', id, '4-3']);
    expect(overlapping.code).toBe(1);
    expect(overlapping.stderr).toContain('is empty');
    const everything = await handoff(berlin, ['cut', id, '0-6']);
    expect(everything.stderr).toContain('whole clip');

    const cut = (await ok(berlin, ['--json', 'cut', id, '1-2'])).json<{ editedDurationMs: number; removedMs: number }>();
    expect(cut.removedMs).toBe(1000);
    // Publish renders the edit first and sends the edited version.
    await ok(berlin, ['--json', 'publish', id]);
    const edited = path.join(berlin, 'clips', id, 'edited.mp4');
    expect(existsSync(edited)).toBe(true);
    expect(sha(path.join(workspace, 'updates', id, 'video.mp4'))).toBe(sha(edited));
    expect(sha(original)).toBe(originalSha);

    await ok(tokyo, ['sync']);
    // Lazy media: sync copies no video; Tokyo fetches the one the workspace has now (as playing it would) into the cache.
    expect(existsSync(path.join(tokyo, 'clips', id, 'video.mp4'))).toBe(false);
    const tokyoVideo = path.join(tokyo, 'cache', 'media', `${id}.mp4`);
    await ok(tokyo, ['--json', 'media', id, '--fetch']);
    expect(Math.abs(probe(tokyoVideo).durationMs - 5000)).toBeLessThanOrEqual(34);

    // A second edit after publishing: a new write-once video and manifest version; the first ones stay.
    await ok(berlin, ['cut', id, '3.5-4.5']);
    const republished = (await ok(berlin, ['--json', 'publish', id])).json<{ alreadyPublished: boolean; files: string[] }>();
    expect(republished.alreadyPublished).toBe(false);
    expect(republished.files.some((f) => /^video-[0-9a-z]+-[0-9a-f]+\.mp4$/.test(f))).toBe(true);
    expect(republished.files.at(-1)).toMatch(/^manifest-[0-9a-z]+-[0-9a-f]+\.json$/);
    const files = readdirSync(path.join(workspace, 'updates', id));
    expect(files).toContain('video.mp4');
    expect(files).toContain('manifest.json');
    // Publishing again with no new edit writes nothing.
    expect((await ok(berlin, ['--json', 'publish', id])).json<{ alreadyPublished: boolean }>().alreadyPublished).toBe(true);

    const sync = (await ok(tokyo, ['--json', 'sync'])).json<{ changedClipIds: string[]; problems: unknown[] }>();
    expect(sync.problems).toEqual([]);
    expect(sync.changedClipIds).toContain(id);
    // The cached copy of the first version went with the sync; fetching again brings the new one.
    expect(existsSync(tokyoVideo)).toBe(false);
    await ok(tokyo, ['--json', 'media', id, '--fetch']);
    expect(sha(tokyoVideo)).toBe(sha(edited));
    expect(Math.abs(probe(tokyoVideo).durationMs - 4000)).toBeLessThanOrEqual(34);
    const shown = (await ok(tokyo, ['--json', 'show', id])).json<{ durationMs: number }>();
    expect(Math.abs(shown.durationMs - 4000)).toBeLessThanOrEqual(34);
  });
});
