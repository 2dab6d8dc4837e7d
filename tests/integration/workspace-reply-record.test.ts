// `handoff reply ID --record`: Kenji answers Anna's published update with a recording made there and then (the
// recorder's synthetic camera and mic on the real X display); the reply clip carries replyTo from the moment it is
// made, is published because the parent is, and Anna sees the reply event and the clip after her sync.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/inbox';
import { addClipFromFile, handoff, hasFfmpeg, makeTinyMp4, tempDir } from '../support/workspace-helpers';

const display = process.env.DISPLAY;
const displayWorks = display !== undefined && spawnSync('ffmpeg', ['-v', 'error', '-f', 'x11grab', '-i', display, '-frames:v', '1', '-f', 'null', '-']).status === 0;
const skipReason = !hasFfmpeg() ? 'ffmpeg is not installed' : !displayWorks ? `no usable X display (DISPLAY=${display ?? 'unset'}; run under Xvfb)` : null;
if (skipReason) console.warn(`reply --record tests skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('handoff reply --record', () => {
  const env = { DISPLAY: display };

  it('records a reply to a published update, publishes it, and the sender sees it after sync', async () => {
    const ws = tempDir('reply-ws');
    const berlin = tempDir('reply-berlin');
    const tokyo = tempDir('reply-tokyo');
    const ok = async (dir: string, args: string[]) => {
      const run = await handoff(dir, args, env);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      return run;
    };
    await ok(berlin, ['profile', '--name', 'Anna', '--timezone', 'Europe/Berlin']);
    await ok(tokyo, ['profile', '--name', 'Kenji', '--timezone', 'Asia/Tokyo']);
    await ok(berlin, ['workspace', 'use-folder', ws]);
    await ok(tokyo, ['workspace', 'use-folder', ws]);
    const id = await addClipFromFile(berlin, makeTinyMp4(path.join(tempDir('reply-media'), 'update.mp4'), 2), { recordedAt: new Date('2026-11-20T09:00:00Z'), title: 'Plan' });
    await ok(berlin, ['edit', id, '--ask', 'OK to ship?']);
    await ok(berlin, ['publish', id]);
    await ok(tokyo, ['sync']);

    const replied = (await ok(tokyo, ['--json', 'reply', id, '--record', '--seconds', '2', '--synthetic'])).json<{ clipId: string; durationMs: number }>();
    expect(Math.abs(replied.durationMs - 2000)).toBeLessThanOrEqual(500);
    const shown = (await ok(tokyo, ['--json', 'show', replied.clipId])).json<{ replyTo: string | null; title: string; author: string }>();
    expect(shown).toMatchObject({ replyTo: id, title: 'Re: Plan', author: 'Kenji' });
    // Published because the parent came from the workspace: its manifest names the parent.
    const manifest = JSON.parse(readFileSync(path.join(ws, 'updates', replied.clipId, 'manifest.json'), 'utf8')) as { replyTo: string | null };
    expect(manifest.replyTo).toBe(id);
    const tokyoInbox = (await ok(tokyo, ['--json', 'inbox'])).json<Inbox>();
    expect(tokyoInbox.needsReply.map((c) => c.id)).not.toContain(id);

    await ok(berlin, ['sync']);
    const events = (await ok(berlin, ['--json', 'show-events', id])).json<{ events: { kind: string; author: string; replyClipId: string | null }[] }>();
    expect(events.events).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'reply', author: 'Kenji', replyClipId: replied.clipId })]));
    const atBerlin = (await ok(berlin, ['--json', 'show', replied.clipId])).json<{ replyTo: string | null; state: string }>();
    expect(atBerlin).toMatchObject({ replyTo: id, state: 'ready' });
  });

  it('a reply to an unpublished local clip stays local; a missing parent records nothing', async () => {
    const me = tempDir('reply-local');
    const ws = tempDir('reply-local-ws');
    await handoff(me, ['profile', '--name', 'Anna', '--timezone', 'Europe/Berlin']);
    await handoff(me, ['workspace', 'use-folder', ws]);
    const id = await addClipFromFile(me, makeTinyMp4(path.join(tempDir('reply-media'), 'draft.mp4'), 2), { recordedAt: new Date('2026-11-20T09:00:00Z'), title: 'Draft' });

    const missing = await handoff(me, ['--json', 'reply', 'no-such-clip', '--record', '--seconds', '1', '--synthetic'], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/not-found|No clip/);
    const before = (await handoff(me, ['--json', 'list'])).json<{ clips: { id: string }[] }>();
    expect(before.clips.map((c) => c.id)).toEqual([id]);

    const run = await handoff(me, ['--json', 'reply', id, '--record', '--seconds', '1', '--synthetic'], env);
    expect(run.code, run.stderr).toBe(0);
    const { clipId } = run.json<{ clipId: string }>();
    expect((await handoff(me, ['--json', 'show', clipId])).json<{ replyTo: string | null }>().replyTo).toBe(id);
    expect(readdirSync(ws).includes('updates') ? readdirSync(path.join(ws, 'updates')) : []).toEqual([]);
    const events = (await handoff(me, ['--json', 'show-events', id])).json<{ events: { kind: string; replyClipId: string | null }[] }>();
    expect(events.events).toEqual([expect.objectContaining({ kind: 'reply', replyClipId: clipId })]);
  });
});
