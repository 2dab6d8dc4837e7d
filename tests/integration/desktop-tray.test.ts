// The desktop shell with fake Electron pieces around the real core: a recording started from the tray (which asks for
// nothing but `{}`) records with the saved recording settings, seen in the real ffmpeg's arguments; a synced update
// shows a native notification that opens the clip; hostile links never throw.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startDesktopApp } from '../../electron/main/app';
import type { WorkerCore } from '../../electron/core/worker/core-client';
import { fakeElectron, fakeShellPieces } from '../support/fake-electron';
import { repoRoot, tempDir } from '../support/temp-core';
import { makeTinyMp4 } from '../support/workspace-helpers';

const display = process.env.DISPLAY;
const realFfmpeg = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v ffmpeg'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
})();
const skipReason = !display ? 'needs an X display (DISPLAY is not set; .ci/run starts Xvfb)' : !realFfmpeg ? 'needs ffmpeg on PATH' : null;
if (skipReason) process.stderr.write(`[desktop-tray.test] skipped: ${skipReason}\n`);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** An ffmpeg that writes its arguments to a log, then runs the real one: what the recorder really asked for. */
function loggingFfmpeg(dir: string): { bin: string; log: string } {
  const log = path.join(dir, 'ffmpeg-args.log');
  const bin = path.join(dir, 'ffmpeg');
  writeFileSync(bin, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realFfmpeg}' "$@"\n`);
  chmodSync(bin, 0o755);
  writeFileSync(path.join(dir, 'ffprobe'), `#!/bin/sh\nexec '${realFfmpeg!.replace(/ffmpeg$/, 'ffprobe')}' "$@"\n`);
  chmodSync(path.join(dir, 'ffprobe'), 0o755);
  return { bin, log };
}

async function launchDesktop(env: NodeJS.ProcessEnv) {
  const folder = tempDir();
  const electron = fakeElectron(path.join(folder.dir, 'data'));
  const shell = fakeShellPieces();
  electron.pieces.extras = shell.pieces;
  const core = (await startDesktopApp(electron.pieces, {
    outDir: path.join(repoRoot, 'out'),
    resourcesDir: path.join(repoRoot, 'resources'),
    env,
    nativeRoot: null,
    checkout: null,
    openBrowserMode: async () => undefined,
  })) as WorkerCore;
  cleanups.push(async () => {
    electron.quit();
    await core.close();
    folder.remove();
  });
  return { core, electron, shell, dir: folder.dir };
}

function nextEvent(core: WorkerCore, name: string, matches: (payload: unknown) => boolean = () => true): Promise<unknown> {
  return new Promise((resolve) => {
    const off = core.events.onAny((event, payload) => {
      if (event === name && matches(payload)) {
        off();
        resolve(payload);
      }
    });
  });
}

describe('the desktop shell', () => {
  it.skipIf(skipReason !== null)('starts a recording from the tray with the saved fps, height and devices', async () => {
    const scratch = tempDir();
    cleanups.push(() => scratch.remove());
    const ffmpeg = loggingFfmpeg(scratch.dir);
    const { core, shell } = await launchDesktop({ ...process.env, HANDOFF_FFMPEG: ffmpeg.bin });
    const saved = await core.dispatch('settings:set', {
      values: { 'recording.fps': 12, 'recording.maxHeight': 360, 'recording.mic': '', 'recording.camera': 'synthetic', 'recording.display': display },
    });
    expect(saved.ok).toBe(true);

    const recording = nextEvent(core, 'recorder:state', (p) => (p as { state: string }).state === 'recording');
    shell.trayItem('Start recording')!.click!();
    await recording;
    await nextEvent(core, 'recorder:progress');
    const ready = nextEvent(core, 'recorder:state', (p) => ['idle', 'failed'].includes((p as { state: string }).state));
    shell.trayItem('Stop recording')!.click!();
    await ready;

    const capture = readFileSync(ffmpeg.log, 'utf8').split('\n').find((line) => line.includes('x11grab') && line.includes('libx264'));
    expect(capture, 'no x11grab ffmpeg was started').toBeDefined();
    expect(capture).toContain(`-i ${display}`);
    expect(capture).toMatch(/-r 12(\s|$)/);
    expect(capture).toMatch(/scale=640:360/);
    expect(capture).not.toMatch(/-f pulse|-f alsa/);
    const clips = (await core.dispatch('clips:list', {})) as { ok: true; value: { clips: { height: number | null }[] } };
    expect(clips.value.clips[0]).toMatchObject({ height: 360 });
  }, 60_000);

  it('shows a native notification when a sync brings a teammate’s update, and its click opens the clip', async () => {
    const scratch = tempDir();
    cleanups.push(() => scratch.remove());
    const shared = path.join(scratch.dir, 'team');
    const teammate = path.join(scratch.dir, 'kenji');
    const run = (dataDir: string, args: string[]) => execFileSync(process.execPath, [path.join(repoRoot, 'bin', 'handoff.mjs'), '--data-dir', dataDir, ...args], { encoding: 'utf8' });
    run(teammate, ['workspace', 'use-folder', shared, '--create']);
    run(teammate, ['profile', '--name', 'Kenji', '--timezone', 'Asia/Tokyo']);
    const video = makeTinyMp4(path.join(scratch.dir, 'clip.mp4'), 2);
    const { clip } = JSON.parse(run(teammate, ['--json', 'import', video, '--title', 'Tokyo handoff'])) as { clip: { id: string } };
    run(teammate, ['publish', clip.id]);

    const { core, shell, electron } = await launchDesktop({ ...process.env });
    expect((await core.dispatch('workspace:useFolder', { dir: shared })).ok).toBe(true);
    expect((await core.dispatch('sync:run', {})).ok).toBe(true);
    expect(shell.notifications).toEqual([expect.objectContaining({ title: 'New update from Kenji', body: 'Tokyo handoff' })]);
    shell.notifications[0].click!();
    expect(electron.windows[0].webContents.sent).toContainEqual({ channel: 'app:navigate', args: [{ route: `#/clip/${clip.id}` }] });
  }, 120_000);

  it('opens links from a second instance and the OS, and a hostile one opens the inbox instead of throwing', async () => {
    const { shell, electron } = await launchDesktop({ ...process.env });
    const sent = () => electron.windows[0].webContents.sent.filter((m) => m.channel === 'app:navigate').map((m) => (m.args[0] as { route: string }).route);
    shell.appHandlers.get('second-instance')!({}, ['/opt/Handoff/handoff', '--', 'handoff://clip/Abc123_-xyz?t=5']);
    shell.appHandlers.get('second-instance')!({}, ['/opt/Handoff/handoff', 'handoff://clip/Abc123_-xyz?t=1e21']);
    shell.appHandlers.get('open-url')!({ preventDefault: () => undefined }, 'handoff://settings/../../etc');
    shell.appHandlers.get('open-url')!({ preventDefault: () => undefined }, 'handoff:%');
    shell.appHandlers.get('second-instance')!({}, undefined);
    expect(sent()).toEqual(['#/clip/Abc123_-xyz?t=5', '#/clip/Abc123_-xyz', '#/inbox', '#/inbox', '#/inbox']);
  }, 60_000);
});
