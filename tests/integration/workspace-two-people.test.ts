// DESIGN.md "Workspace" and issue 6 "Done when": two people, two libraries, one workspace (a folder, then a bucket on
// s3rver through the real AWS SDK). Anna in Berlin publishes an update with an ask and a deadline; Kenji in Tokyo
// syncs and sees it in Anna's workday with both local times and in "Needs your reply"; he reacts at 0:03 and replies;
// Anna syncs and sees both.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/inbox';
import { addClipFromFile, handoff, hasFfmpeg, makeTinyMp4, s3Env, startS3rver, tempDir } from '../support/workspace-helpers';

const ffmpeg = hasFfmpeg();
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

interface EventsOut {
  events: { kind: string; author: string; atMs: number | null; emoji: string | null; replyClipId: string | null }[];
}

async function scenario(useWorkspace: (dataDir: string) => string[], env: NodeJS.ProcessEnv) {
  const media = tempDir('media');
  const video = makeTinyMp4(path.join(media, 'update.mp4'));
  const replyVideo = makeTinyMp4(path.join(media, 'reply.mp4'), 3, 660);
  const berlin = tempDir('berlin');
  const tokyo = tempDir('tokyo');
  const ok = async (dir: string, args: string[]) => {
    const run = await handoff(dir, args, env);
    expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    return run;
  };

  await ok(berlin, ['profile', '--name', 'Anna', '--timezone', 'Europe/Berlin', '--hours', '09:00-17:30']);
  await ok(tokyo, ['profile', '--name', 'Kenji', '--timezone', 'Asia/Tokyo', '--hours', '10:00-19:00']);
  await ok(berlin, useWorkspace(berlin));
  await ok(tokyo, useWorkspace(tokyo));

  // Friday 20 November 2026, 18:40 in Berlin (17:40 UTC): already Saturday 02:40 in Tokyo.
  const id = await addClipFromFile(berlin, video, { recordedAt: new Date('2026-11-20T17:40:00Z'), title: 'Release plan' });
  await ok(berlin, ['edit', id, '--ask', 'Can we ship on Monday?', '--due', '2026-11-23T09:00:00Z', '--urgency', 'reply-needed']);
  // A decision noted before publishing stays local until the update goes out, then goes with it.
  const decided = (await ok(berlin, ['--json', 'decide', id, 'Ship Monday unless Tokyo objects'])).json<{ published: boolean }>();
  expect(decided.published).toBe(false);
  const published = (await ok(berlin, ['--json', 'publish', id])).json<{ files: string[] }>();
  expect(published.files.at(-1)).toBe('manifest.json');
  // Anna's first sync walks the workspace; her next one reads only the change feed.
  await ok(berlin, ['sync']);

  const sync1 = (await ok(tokyo, ['--json', 'sync'])).json<{ indexed: { updates: number; events: number }; problems: unknown[]; syncing: unknown[] }>();
  expect(sync1.indexed).toMatchObject({ updates: 1, events: 1 });
  const seenByKenji = (await ok(tokyo, ['--json', 'show-events', id])).json<EventsOut & { events: { text: string | null }[] }>();
  expect(seenByKenji.events).toEqual([expect.objectContaining({ kind: 'decision', author: 'Anna', text: 'Ship Monday unless Tokyo objects' })]);
  expect(sync1.syncing).toEqual([]);
  expect(sync1.problems).toEqual([]);
  // Sync copies no video (lazy media); the update asks Kenji something, so fetching it keeps it offline. The import
  // stream-copies into a faststart MP4; what Tokyo gets is byte for byte what Berlin's library holds.
  expect(existsSync(path.join(tokyo, 'clips', id, 'video.mp4'))).toBe(false);
  const fetched = (await ok(tokyo, ['--json', 'media', id, '--fetch'])).json<{ state: string; pinnedBy: string | null }>();
  expect(fetched).toMatchObject({ state: 'cached', pinnedBy: 'needs-reply' });
  expect(sha(path.join(tokyo, 'cache', 'media', `${id}.mp4`))).toBe(sha(path.join(berlin, 'clips', id, 'video.mp4')));

  const inbox = (await ok(tokyo, ['--json', 'inbox', '--now', '2026-11-21T03:00:00Z'])).json<Inbox>();
  expect(inbox.viewer.timezone).toBe('Asia/Tokyo');
  const day = inbox.workdays.find((d) => d.clips.some((c) => c.id === id));
  expect(day?.date).toBe('2026-11-20');
  const shown = day!.clips.find((c) => c.id === id)!;
  expect(shown).toMatchObject({
    title: 'Release plan',
    author: 'Anna',
    authorTimezone: 'Europe/Berlin',
    recordedAt: '2026-11-20T17:40:00.000Z',
    senderLocalTime: '2026-11-20T18:40:00+01:00',
    viewerLocalTime: '2026-11-21T02:40:00+09:00',
    dueAt: '2026-11-23T09:00:00.000Z',
    urgency: 'reply-needed',
    state: 'ready',
  });
  expect(day!.timezones).toEqual([
    { timezone: 'Asia/Tokyo', state: 'over' },
    { timezone: 'Europe/Berlin', state: 'over' },
  ]);
  expect(inbox.needsReply.map((c) => c.id)).toEqual([id]);
  expect(inbox.needsReply[0].dueViewerLocalTime).toBe('2026-11-23T18:00:00+09:00');
  // Anna's own update never needs her reply.
  const annaInbox = (await ok(berlin, ['--json', 'inbox', '--now', '2026-11-21T03:00:00Z'])).json<Inbox>();
  expect(annaInbox.needsReply).toEqual([]);

  await ok(tokyo, ['react', id, '--at', '0:03', '--emoji', '👍']);
  const reply = (await ok(tokyo, ['--json', 'reply', id, replyVideo])).json<{ clipId: string }>();
  const tokyoAfter = (await ok(tokyo, ['--json', 'inbox', '--now', '2026-11-21T03:00:00Z'])).json<Inbox>();
  expect(tokyoAfter.needsReply).toEqual([]);

  const sync2 = (await ok(berlin, ['--json', 'sync'])).json<{ mode: string; indexed: { updates: number; events: number } }>();
  expect(sync2).toMatchObject({ mode: 'incremental', indexed: { updates: 1, events: 2 } });
  const events = (await ok(berlin, ['--json', 'show-events', id])).json<EventsOut>();
  expect(events.events).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'reaction', author: 'Kenji', atMs: 3000, emoji: '👍' }),
      expect.objectContaining({ kind: 'reply', author: 'Kenji', replyClipId: reply.clipId }),
    ]),
  );
  const annaAfter = (await ok(berlin, ['--json', 'inbox', '--now', '2026-11-21T03:00:00Z'])).json<Inbox>();
  const replyShown = annaAfter.workdays.flatMap((d) => d.clips).find((c) => c.id === reply.clipId);
  expect(replyShown).toMatchObject({ author: 'Kenji', authorTimezone: 'Asia/Tokyo', replyTo: id, state: 'ready' });
  await ok(berlin, ['media', reply.clipId, '--fetch']);
  expect(sha(path.join(berlin, 'cache', 'media', `${reply.clipId}.mp4`))).toBe(sha(replyVideo));
  const people = (await ok(berlin, ['--json', 'people'])).json<{ people: { name: string; timezone: string; workingHours: string }[] }>();
  expect(people.people).toEqual(
    expect.arrayContaining([expect.objectContaining({ name: 'Kenji', timezone: 'Asia/Tokyo', workingHours: '10:00-19:00' })]),
  );

  // A second sync with nothing new indexes nothing and changes nothing.
  const sync3 = (await ok(berlin, ['--json', 'sync'])).json<{ indexed: { updates: number; events: number } }>();
  expect(sync3.indexed).toEqual({ updates: 0, events: 0, people: 0, transcripts: 0 });
}

describe('two people, one workspace', () => {
  it.skipIf(!ffmpeg)('through a shared folder', async () => {
    const workspace = tempDir('workspace');
    await scenario(() => ['workspace', 'use-folder', workspace], {});
  });

  describe('through an S3 bucket (s3rver on 127.0.0.1, real AWS SDK)', () => {
    let s3: Awaited<ReturnType<typeof startS3rver>>;
    beforeAll(async () => {
      s3 = await startS3rver('handoff-team');
    });
    afterAll(async () => {
      await s3?.close();
    });
    it.skipIf(!ffmpeg)('publishes, syncs, reacts and replies', async () => {
      await scenario(() => ['workspace', 'use-s3', '--endpoint', s3.endpoint, '--bucket', 'handoff-team', '--prefix', 'team-a', '--path-style'], s3Env);
    });
  });
});
