// Issue 16 "Done when", first item, and the text side of the team loop, all through the real CLI on two data folders
// and one workspace folder. Ana imports a flite speech clip, transcribes it with the pocketsphinx reference recognizer
// and publishes; Ben syncs and `handoff search WORD --json` finds the word at the second it was said. Ana transcribes
// again after publishing: a new write-once transcript file goes out through the feed and Ben's next sync takes it.
// Then comments (at a video time, one level of threading, the 5,000-character limit), "done", decisions and comments
// clearing "Needs your reply", "seen" once per person, and Rename refused on a teammate's update.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/inbox';
import { hasCommand, speechWav, videoWithAudio } from '../support/transcription-media';
import { addClipFromFile, handoff, hasFfmpeg, makeTinyMp4, tempDir } from '../support/workspace-helpers';

const SENTENCE = 'please review the budget report before friday';
const SILENCE_S = 2;
const havePocketsphinx = hasCommand('pocketsphinx_continuous') && existsSync('/usr/share/pocketsphinx/model/en-us');
const skipReason = !hasFfmpeg() ? 'ffmpeg is not installed' : !hasCommand('flite') ? 'flite is not installed' : !havePocketsphinx ? 'pocketsphinx + pocketsphinx-en-us are not installed' : null;
if (skipReason) console.warn(`team loop test skipped: ${skipReason}`);

interface EventOut {
  id: string;
  kind: string;
  author: string;
  atMs: number | null;
  text: string | null;
  parentId: string | null;
  createdAt: string;
}
interface SyncOut {
  mode: string;
  indexed: { updates: number; events: number; people: number; transcripts: number };
  changedClipIds: string[];
  problems: unknown[];
}
interface Hit {
  clipId: string;
  field: string;
  startMs: number | null;
  snippet: string;
}

async function ok(dir: string, args: string[]) {
  const run = await handoff(dir, args);
  expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run;
}

describe.skipIf(skipReason !== null)('the team loop through one workspace folder', () => {
  it('a teammate’s spoken words are searchable after sync, and a later transcript replaces the indexed one', { timeout: 240_000 }, async () => {
    const media = tempDir('team-media');
    const ana = tempDir('team-ana');
    const ben = tempDir('team-ben');
    const workspace = tempDir('team-workspace');
    await ok(ana, ['profile', '--name', 'Ana', '--timezone', 'Europe/Berlin', '--hours', '09:00-17:30']);
    await ok(ben, ['profile', '--name', 'Ben', '--timezone', 'America/New_York', '--hours', '09:00-17:00']);
    await ok(ana, ['workspace', 'use-folder', workspace]);
    await ok(ben, ['workspace', 'use-folder', workspace]);

    const video = videoWithAudio(speechWav(media, SENTENCE, SILENCE_S), path.join(media, 'speech.mp4'));
    const id = await addClipFromFile(ana, video, { recordedAt: new Date(Date.now() - 60_000), title: 'Budget' });
    const first = (await ok(ana, ['--json', 'transcribe', id, '--wait', '--model', 'pocketsphinx-reference'])).json<{ job: { state: string } }>();
    expect(first.job.state).toBe('done');
    const published = (await ok(ana, ['--json', 'publish', id])).json<{ files: string[] }>();
    expect(published.files).toContain('transcript.json');

    const sync1 = (await ok(ben, ['--json', 'sync'])).json<SyncOut>();
    expect(sync1.problems).toEqual([]);
    expect(sync1.indexed).toMatchObject({ updates: 1, transcripts: 1 });
    const search = async (word: string) =>
      (await ok(ben, ['--json', 'search', word])).json<{ hits: Hit[] }>().hits.filter((h) => h.clipId === id && h.field === 'transcript');
    const budget = await search('budget');
    expect(budget.length, 'Ben finds nothing for "budget"').toBeGreaterThan(0);
    // The sentence starts after SILENCE_S seconds of silence; its segment starts there (± 1 s).
    expect(Math.abs(budget[0].startMs! - SILENCE_S * 1000)).toBeLessThanOrEqual(1000);
    const shown = (await ok(ben, ['--json', 'show', id])).json<{ source: string; language: string | null; transcriptState: string; segments: { text: string }[] }>();
    expect(shown).toMatchObject({ source: 'workspace', language: 'en', transcriptState: 'done' });
    // Captions for the player, made from the teammate's transcript.
    expect(readFileSync(path.join(ben, 'clips', id, 'captions.vtt'), 'utf8')).toMatch(/budget/i);

    // A later transcription (a re-run after publishing) is a new write-once file announced in the feed.
    const before = readdirSync(path.join(workspace, 'updates', id));
    const second = (await ok(ana, ['--json', 'transcribe', id, '--wait', '--model', 'pocketsphinx-reference'])).json<{ job: { state: string } }>();
    expect(second.job.state).toBe('done');
    const later = readdirSync(path.join(workspace, 'updates', id)).filter((f) => !before.includes(f));
    expect(later).toEqual([expect.stringMatching(/^transcript-\d{8}T\d{9}Z-[A-Za-z0-9]+\.json$/)]);
    const laterFile = JSON.parse(readFileSync(path.join(workspace, 'updates', id, later[0]), 'utf8')) as { language: string; segments: { words: unknown[] }[] };
    expect(laterFile.language).toBe('en');
    expect(laterFile.segments.some((s) => s.words.length > 0)).toBe(true);

    const sync2 = (await ok(ben, ['--json', 'sync'])).json<SyncOut>();
    expect(sync2).toMatchObject({ mode: 'incremental', indexed: { transcripts: 1 } });
    expect(sync2.changedClipIds).toContain(id);
    expect((await search('budget')).length).toBeGreaterThan(0);
    // Nothing new: nothing indexed again.
    const sync3 = (await ok(ben, ['--json', 'sync'])).json<SyncOut>();
    expect(sync3.indexed).toEqual({ updates: 0, events: 0, people: 0, transcripts: 0 });
  });

  it('comments, done and decisions answer an ask; seen is once per person; a teammate’s update cannot be renamed or deleted', { timeout: 120_000 }, async () => {
    const media = tempDir('loop-media');
    const ana = tempDir('loop-ana');
    const ben = tempDir('loop-ben');
    const workspace = tempDir('loop-workspace');
    await ok(ana, ['profile', '--name', 'Ana', '--timezone', 'Europe/Berlin']);
    await ok(ben, ['profile', '--name', 'Ben', '--timezone', 'America/New_York']);
    // A folder that does not exist is never created silently.
    const missing = path.join(workspace, 'not-there', 'team');
    const refused = await handoff(ana, ['workspace', 'use-folder', missing]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/does not exist/);
    expect(existsSync(missing)).toBe(false);
    await ok(ana, ['workspace', 'use-folder', workspace]);
    await ok(ben, ['workspace', 'use-folder', path.join(workspace, 'elsewhere'), '--create']);
    expect(existsSync(path.join(workspace, 'elsewhere', 'people'))).toBe(true);
    await ok(ben, ['workspace', 'use-folder', workspace]);
    // Joining (profile first, then the folder: the README's order) writes my people/ file at once.
    expect(readdirSync(path.join(workspace, 'people'))).toHaveLength(2);
    const team = (await ok(ben, ['--json', 'sync'])) && (await ok(ben, ['--json', 'people'])).json<{ people: { name: string }[] }>();
    expect(team.people.map((p) => p.name).sort()).toEqual(['Ana', 'Ben']);
    const asks: Record<string, string> = {};
    for (const how of ['comment', 'decide', 'done'] as const) {
      const clip = await addClipFromFile(ana, makeTinyMp4(path.join(media, `${how}.mp4`)), { recordedAt: new Date(Date.now() - 60_000), title: `Ask answered by ${how}` });
      await ok(ana, ['edit', clip, '--ask', 'Can we ship the pelican release?', '--urgency', 'reply-needed']);
      await ok(ana, ['publish', clip]);
      asks[how] = clip;
    }
    await ok(ben, ['sync']);
    const needs = async () => (await ok(ben, ['--json', 'inbox'])).json<Inbox>().needsReply.map((c) => c.id).sort();
    expect(await needs()).toEqual(Object.values(asks).sort());

    const id = asks.comment;
    const comment = (await ok(ben, ['--json', 'comment', id, 'The pelican chart at this point looks off', '--at', '0:02'])).json<{ event: EventOut; published: boolean }>();
    expect(comment).toMatchObject({ published: true, event: { kind: 'comment', author: 'Ben', atMs: 2000, text: 'The pelican chart at this point looks off' } });
    await ok(ben, ['decide', asks.decide, 'Ship it on Thursday']);
    await ok(ben, ['done', asks.done]);
    expect(await needs()).toEqual([]);

    // Ana sees Ben's comment at 0:02 and answers it; a reply to that reply is refused (one level of threading).
    const anaSync = (await ok(ana, ['--json', 'sync'])).json<SyncOut>();
    expect(anaSync.problems).toEqual([]);
    const onAna = (await ok(ana, ['--json', 'show-events', id])).json<{ events: EventOut[] }>().events;
    expect(onAna).toEqual([expect.objectContaining({ id: comment.event.id, kind: 'comment', author: 'Ben', atMs: 2000, text: 'The pelican chart at this point looks off', parentId: null })]);
    const answer = (await ok(ana, ['--json', 'comment', id, 'Fixed in https://example.com/chart', '--reply-to', comment.event.id])).json<{ event: EventOut }>();
    expect(answer.event).toMatchObject({ parentId: comment.event.id, atMs: null });
    const nested = await handoff(ana, ['comment', id, 'and again', '--reply-to', answer.event.id]);
    expect(nested.code).toBe(1);
    expect(nested.stderr).toMatch(/itself a reply/);
    const tooLong = await handoff(ana, ['comment', id, 'x'.repeat(5_001)]);
    expect(tooLong.code).toBe(1);
    expect(tooLong.stderr).toMatch(/5,?000/);
    await ok(ben, ['sync']);
    const onBen = (await ok(ben, ['--json', 'show-events', id])).json<{ events: EventOut[] }>().events;
    expect(onBen.filter((e) => e.kind === 'comment').map((e) => [e.author, e.parentId])).toEqual([
      ['Ben', null],
      ['Ana', comment.event.id],
    ]);
    // Comments are searchable like decisions.
    const hits = (await ok(ben, ['--json', 'search', 'pelican chart'])).json<{ hits: Hit[] }>().hits;
    expect(hits).toEqual(expect.arrayContaining([expect.objectContaining({ clipId: id, field: 'comment', startMs: 2000 })]));

    // "Seen" is recorded once per person per update, however many times it is opened.
    await ok(ben, ['seen', id]);
    await ok(ben, ['seen', id]);
    const seen = (await ok(ben, ['--json', 'show-events', id])).json<{ events: EventOut[] }>().events.filter((e) => e.kind === 'seen');
    expect(seen).toHaveLength(1);
    expect(readdirSync(path.join(workspace, 'events', id))).toHaveLength(3); // Ben's comment, Ana's answer, Ben's one "seen"

    const rename = await handoff(ben, ['rename', id, 'Mine now']);
    expect(rename.code).toBe(1);
    expect(rename.stderr).toMatch(/only its author/);
    const deleted = await handoff(ben, ['delete', id]);
    expect(deleted.code).toBe(1);
    expect(deleted.stderr).toMatch(/only its author can delete/);
    expect((await ok(ben, ['--json', 'show', id])).json<{ id: string }>().id).toBe(id);
  });
});
