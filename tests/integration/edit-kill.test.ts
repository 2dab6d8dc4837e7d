// kill -9 during a render (issue 18: "killing a render leaves nothing half written"): the real `handoff render` process
// is killed while its work folder exists; no edited.mp4 appears, and the next render clears what was left and succeeds.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/temp-core';
import { addClipFromFile, handoff, hasFfmpeg, tempDir } from '../support/workspace-helpers';

describe.skipIf(!hasFfmpeg())('a killed render', () => {
  it('leaves no edited file, and the next render cleans up and succeeds', async () => {
    const data = tempDir('edit-kill');
    const file = path.join(tempDir('edit-kill-media'), 'long.mp4');
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30', '-f', 'lavfi', '-i', 'sine=f=440:r=48000',
      '-t', '120', '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-crf', '26', '-maxrate', '800k', '-bufsize', '1600k', '-pix_fmt', 'yuv420p',
      '-force_key_frames', 'expr:gte(t,n_forced*1)', '-r', '30', '-c:a', 'aac', '-b:a', '96k', '-ac', '1', '-movflags', '+faststart', file]);
    expect((await handoff(data, ['profile', '--name', 'Ana', '--timezone', 'Europe/Berlin'])).code).toBe(0);
    const id = await addClipFromFile(data, file, { recordedAt: new Date('2026-12-01T09:00:00Z') });
    expect((await handoff(data, ['cut', id, '10.5-20.2', '60.1-61'])).code).toBe(0);
    const dir = path.join(data, 'clips', id);

    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'handoff.mjs'), '--data-dir', data, 'render', id], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Wait for the render to be under way (its work folder exists), then kill it without warning.
    while (!readdirSync(dir).some((name) => name.startsWith('.render-'))) {
      if (child.exitCode !== null) throw new Error('the render finished before it could be killed');
      await new Promise((resolve) => setImmediate(resolve));
    }
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(path.join(dir, 'edited.mp4'))).toBe(false);

    const again = await handoff(data, ['--json', 'render', id]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json<{ path: string }>().path).toBe(path.join(dir, 'edited.mp4'));
    expect(readdirSync(dir).filter((name) => name.startsWith('.render-') || name.endsWith('.tmp'))).toEqual([]);
  });
});
