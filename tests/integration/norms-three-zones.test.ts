// Issue 17 "Done when", integration: three people (Berlin, Tokyo, New York) on one workspace folder. Anna publishes
// the team's norms and two asks; Kenji and Maya get the norms by sync, and their inboxes show replyBy in their own
// working time with states; a decision by Kenji answers him; Anna's `show` lists who owes what and proposes a slot;
// `handoff overlap --json` gives the windows the calendars imply.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeCore, type Core } from '../../electron/core/compose';
import { createMemoryLogger } from '../../electron/core/logger';
import type { Inbox } from '../../shared/inbox';
import { repoRoot } from '../support/temp-core';
import { addClipFromFile, handoff, hasFfmpeg, makeTinyMp4, tempDir } from '../support/workspace-helpers';

const ffmpeg = hasFfmpeg();

describe.skipIf(!ffmpeg)('norms across Berlin, Tokyo and New York', () => {
  const workspace = tempDir('norms-ws');
  const anna = tempDir('norms-anna');
  const kenji = tempDir('norms-kenji');
  const maya = tempDir('norms-maya');
  // Anna's app runs on a clock the test sets, so the send instants (publish times) are known.
  let annaNow = new Date('2026-11-20T12:00:00Z');
  let core: Core | null = composeCore({
    dataDir: anna,
    resourcesDir: path.join(repoRoot, 'resources'),
    version: '0.0.0-test',
    env: process.env,
    platform: process.platform,
    logger: createMemoryLogger(),
    clock: () => annaNow,
  });
  afterAll(() => core?.close());

  const ok = async (dir: string, args: string[]) => {
    const run = await handoff(dir, args);
    expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    return run;
  };

  it('carries norms by sync and counts reply windows in each recipient’s working time', async () => {
    const annaCore = core!;
    annaCore.workspace.people.setProfile({ name: 'Anna', timezone: 'Europe/Berlin', workingHours: '09:00-17:30', workdays: 'mon-fri' });
    annaCore.workspace.useFolder(workspace);
    await annaCore.workspace.publishProfile();
    for (const [dir, name, zone] of [[kenji, 'Kenji', 'Asia/Tokyo'], [maya, 'Maya', 'America/New_York']]) {
      await ok(dir, ['workspace', 'use-folder', workspace]);
      await ok(dir, ['profile', '--name', name, '--timezone', zone, '--hours', '09:00-17:30', '--workdays', 'mon-fri']);
    }

    // Friday: Anna sets the urgent window to 2 working hours for the team.
    const published = await annaCore.workspace.norms.publish({ urgent: 2 });
    expect(published.norms).toEqual({ urgent: 2, 'reply-needed': 16, fyi: null });

    const video = makeTinyMp4(path.join(tempDir('norms-media'), 'ask.mp4'));
    // Monday 23 November, 09:30 in Berlin (08:30Z): an urgent ask. It is 17:30 in Tokyo (Kenji's day just ended) and
    // 03:30 in New York (Maya's has not begun).
    annaNow = new Date('2026-11-23T08:30:00Z');
    const urgent = await addClipFromFile(annaCore, video, { recordedAt: new Date('2026-11-23T08:25:00Z'), title: 'Hotfix go/no-go' });
    annaCore.workspace.edit(urgent, { ask: 'Go or no-go for the hotfix?', urgency: 'urgent' });
    await annaCore.workspace.publish(urgent);
    // And a reply-needed one with an explicit deadline, which wins over the 16-hour norm.
    annaNow = new Date('2026-11-23T09:00:00Z');
    const planned = await addClipFromFile(annaCore, video, { recordedAt: new Date('2026-11-23T08:55:00Z'), title: 'Q1 plan' });
    annaCore.workspace.edit(planned, { ask: 'Comments on the Q1 plan?', urgency: 'reply-needed', dueAt: '2026-11-27T16:00:00Z' });
    await annaCore.workspace.publish(planned);

    for (const dir of [kenji, maya]) {
      await ok(dir, ['sync']);
      const norms = (await ok(dir, ['--json', 'norms'])).json<{ norms: Record<string, number | null>; author: string }>();
      expect(norms).toMatchObject({ norms: { urgent: 2, 'reply-needed': 16, fyi: null }, author: 'Anna' });
    }
    const people = (await ok(kenji, ['--json', 'people'])).json<{ people: { name: string; workdays: string }[] }>().people;
    expect(people.map((p) => `${p.name}:${p.workdays}`).sort()).toEqual(['Anna:mon-fri', 'Kenji:mon-fri', 'Maya:mon-fri']);

    // Kenji, Tuesday 10:30 in Tokyo: his window opened at 09:00 (Monday's had ended), 2 h → 11:00, half an hour left.
    const kenjiInbox = (await ok(kenji, ['--json', 'inbox', '--now', '2026-11-24T01:30:00Z'])).json<Inbox>();
    expect(kenjiInbox.needsReply.map((c) => [c.id, c.replyBy, c.replyState, c.workingHoursLeft])).toEqual([
      [urgent, '2026-11-24T11:00:00+09:00', 'due-soon', 0.5],
      [planned, '2026-11-28T01:00:00+09:00', 'on-track', 32.5],
    ]);

    // Kenji's digest at 09:30 Tuesday: both asks arrived after his Monday ended (17:30 = 08:30Z), the urgent one is
    // due today, and it is the start of his workday so it is due to be shown; dismissed, it is not due again today.
    type Digest = { due: boolean; dismissed: boolean; since: string; arrived: { id: string }[]; dueToday: { id: string; replyBy: string }[]; overdue: unknown[] };
    const digest = (await ok(kenji, ['--json', 'digest', '--now', '2026-11-24T00:30:00Z'])).json<Digest>();
    expect(digest).toMatchObject({ due: true, dismissed: false, since: '2026-11-23T17:30:00+09:00', overdue: [] });
    expect(digest.arrived.map((a) => a.id).sort()).toEqual([urgent, planned].sort());
    expect(digest.dueToday.map((a) => [a.id, a.replyBy])).toEqual([[urgent, '2026-11-24T11:00:00+09:00']]);
    await ok(kenji, ['digest', '--dismiss', '--now', '2026-11-24T00:31:00Z']);
    expect((await ok(kenji, ['--json', 'digest', '--now', '2026-11-24T01:00:00Z'])).json<Digest>()).toMatchObject({ due: false, dismissed: true });

    // Maya, Tuesday 11:00 in New York: her window was Monday 09:00-11:00, a whole working day ago.
    const mayaInbox = (await ok(maya, ['--json', 'inbox', '--now', '2026-11-24T16:00:00Z'])).json<Inbox>();
    expect(mayaInbox.needsReply.map((c) => [c.id, c.replyBy, c.replyState, c.workingHoursLeft, c.escalate])).toEqual([
      [urgent, '2026-11-23T11:00:00-05:00', 'overdue', -8.5, true],
      [planned, '2026-11-27T11:00:00-05:00', 'on-track', 25.5, false],
    ]);
    const human = await ok(maya, ['inbox', '--now', '2026-11-24T16:00:00Z']);
    expect(human.stdout).toContain('reply by Mon 11:00 (8.5 working hours ago) [overdue]');

    // Kenji decides: that answers the ask for him (a decision is one of the answering kinds).
    await ok(kenji, ['decide', urgent, 'Go, after the smoke test']);
    const kenjiAfter = (await ok(kenji, ['--json', 'inbox', '--now', '2026-11-24T01:30:00Z'])).json<Inbox>();
    expect(kenjiAfter.needsReply.map((c) => c.id)).toEqual([planned]);

    // Anna, Tuesday 17:00 in Berlin: who owes her what, and a slot to talk live since Maya is a working day late.
    annaNow = new Date('2026-11-24T16:00:00Z');
    await annaCore.workspace.sync();
    core = null;
    annaCore.close();
    const shown = (await ok(anna, ['--json', 'show', urgent, '--now', '2026-11-24T16:00:00Z'])).json<{
      recipients: { name: string; timezone: string; replyBy: string; state: string }[];
      talkLive: { text: string; missing: string[] } | null;
    }>();
    expect(shown.recipients.map((r) => [r.name, r.timezone, r.replyBy, r.state])).toEqual([
      ['Kenji', 'Asia/Tokyo', '2026-11-24T03:00:00+01:00', 'answered'],
      ['Maya', 'America/New_York', '2026-11-23T17:00:00+01:00', 'overdue'],
    ]);
    // Tokyo and New York never overlap in 09:00-17:30; the nearest window with two of three is right now.
    expect(shown.talkLive).toEqual(expect.objectContaining({ text: 'talk live: Tue 17:00–17:30 your time', missing: ['Kenji'] }));

    // The overlap planner over the same calendars.
    type Plan = { windows: { start: string; end: string; minutes: number; local: { name: string; start: string }[] }[]; partial: { missing: string[] } | null };
    const berlinTokyo = (await ok(kenji, ['--json', 'overlap', '--people', 'Anna,Kenji', '--days', '7', '--now', '2026-11-23T00:00:00Z'])).json<Plan>();
    expect(berlinTokyo.windows).toHaveLength(5);
    expect(berlinTokyo.windows[0]).toMatchObject({ start: '2026-11-23T17:00:00+09:00', end: '2026-11-23T17:30:00+09:00', minutes: 30 });
    expect(berlinTokyo.windows[0].local.map((l) => `${l.name} ${l.start}`)).toEqual(['Anna 2026-11-23T09:00:00+01:00', 'Kenji 2026-11-23T17:00:00+09:00']);
    const allThree = (await ok(kenji, ['--json', 'overlap', '--now', '2026-11-23T00:00:00Z'])).json<Plan>();
    expect(allThree.windows).toEqual([]);
    expect(allThree.partial?.missing).toEqual(['Maya']);
    const twoOfThree = (await ok(kenji, ['--json', 'overlap', '--min-people', '2', '--now', '2026-11-23T00:00:00Z'])).json<Plan>();
    expect(twoOfThree.windows[0]).toMatchObject({ start: '2026-11-23T23:00:00+09:00', minutes: 150 });
  }, 120_000);
});
