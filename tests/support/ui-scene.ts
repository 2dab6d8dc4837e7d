// One fixed scene for the screenshot and accessibility suites: the same people, updates, reactions, comments,
// decisions and replies, at the same instants, with browser mode's clock fixed (HANDOFF_FIXED_NOW) and the browser's
// fixed to the same instant, so every run draws the same pixels.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openDatabase } from '../../electron/core/library/database';
import { createMemoryLogger } from '../../electron/core/logger';
import { seedLibrary, type SeedClip } from './ui-library';
import { testMedia } from './test-clip';
import { startWebMode, type WebMode } from './web-mode';

/** Thursday 26 November 2026, 14:00 in Berlin (the viewer's zone). */
export const NOW = '2026-11-26T13:00:00.000Z';
export const ME_ID = 'dana00001';
const at = (hoursBeforeNow: number) => new Date(Date.parse(NOW) - hoursBeforeNow * 3_600_000);

const TEAM = [
  { id: 'taro00001', name: 'Taro Sato', timezone: 'Asia/Tokyo', hours: '09:00-18:00', workdays: 'mon-fri' },
  { id: 'sam000001', name: 'Sam Rivera', timezone: 'America/Los_Angeles', hours: '08:00-16:30', workdays: 'mon-fri' },
  { id: 'priya0001', name: 'Priya Nair', timezone: 'Asia/Kolkata', hours: '10:00-18:30', workdays: 'mon-fri' },
];

function teammateClip(who: (typeof TEAM)[number], id: string, hoursAgo: number, extra: Partial<SeedClip>): SeedClip {
  return { id, authorId: who.id, authorName: who.name, authorTimezone: who.timezone, recordedAt: at(hoursAgo), source: 'workspace', durationMs: 95_000, ...extra };
}
function myClip(id: string, hoursAgo: number, extra: Partial<SeedClip>): SeedClip {
  return { id, authorName: 'Dana Weber', authorTimezone: 'Europe/Berlin', recordedAt: at(hoursAgo), source: 'imported', durationMs: 64_000, ...extra };
}

export const SCENE_CLIPS: SeedClip[] = [
  teammateClip(TEAM[0], 'scene-taro-release', 5, {
    title: 'Release plan walkthrough',
    context: 'The 2.4 release moves the sync engine to the new storage layer.',
    ask: 'Approve the release plan or tell me what to change',
    urgency: 'urgent',
    dueAt: new Date(Date.parse(NOW) + 20 * 3_600_000),
    recipients: [ME_ID],
  }),
  teammateClip(TEAM[2], 'scene-priya-metrics', 7, { title: 'Onboarding metrics for November', urgency: 'fyi', durationMs: 212_000 }),
  teammateClip(TEAM[1], 'scene-sam-design', 20, { title: 'New inbox design review', ask: 'Which of the two layouts do you prefer?', urgency: 'reply-needed', recipients: [ME_ID] }),
  teammateClip(TEAM[0], 'scene-taro-standup', 29, { title: 'Wednesday standup notes', urgency: 'fyi', durationMs: 48_000 }),
  myClip('scene-dana-budget', 3, { title: 'Q1 budget proposal', ask: 'Sign off by Monday', urgency: 'reply-needed', recipients: [TEAM[1].id] }),
  myClip('scene-dana-reply', 26, { title: 'Re: storage layer questions', replyTo: 'scene-taro-standup', urgency: 'fyi' }),
  teammateClip(TEAM[2], 'scene-priya-oncall', 50, { title: 'On-call handover', urgency: 'fyi', durationMs: 133_000 }),
];

/** Reactions, comments, decisions and "seen" (by me, for the updates the suites open, so opening adds nothing). */
function seedEvents(dataDir: string): void {
  const db = openDatabase(path.join(dataDir, 'library.sqlite'), createMemoryLogger());
  try {
    const insert = db.prepare(
      `INSERT INTO events (id, clip_id, kind, author_id, author_name, created_at, at_ms, emoji, text, reply_clip_id, parent_id)
       VALUES (@id, @clip, @kind, @authorId, @author, @createdAt, @atMs, @emoji, @text, NULL, NULL)`,
    );
    // An upsert, not INSERT OR REPLACE: replacing deletes the row first, and clips.author_id is ON DELETE SET NULL.
    const person = db.prepare(
      `INSERT INTO people (id, name, timezone, working_hours, workdays, is_me, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?)
       ON CONFLICT(id) DO UPDATE SET working_hours = excluded.working_hours, workdays = excluded.workdays`,
    );
    const rows = [
      ['e-r1', 'scene-taro-release', 'reaction', TEAM[1].id, TEAM[1].name, 4, 12_000, '👍', null],
      ['e-r2', 'scene-taro-release', 'reaction', TEAM[2].id, TEAM[2].name, 4, 30_000, '🎉', null],
      ['e-r3', 'scene-taro-release', 'reaction', TEAM[1].id, TEAM[1].name, 3, 61_000, '👀', null],
      ['e-c1', 'scene-taro-release', 'comment', TEAM[1].id, TEAM[1].name, 4, 45_000, null, 'Can we keep the old export path for one more release?'],
      ['e-d1', 'scene-taro-release', 'decision', TEAM[2].id, TEAM[2].name, 3, 70_000, null, 'Ship 2.4 on 3 December behind a flag'],
      ['e-s1', 'scene-taro-release', 'seen', ME_ID, 'Dana Weber', 2, null, null, null],
      ['e-r4', 'scene-priya-metrics', 'reaction', TEAM[0].id, TEAM[0].name, 6, 5_000, '❤️', null],
      ['e-c2', 'scene-dana-budget', 'comment', TEAM[1].id, TEAM[1].name, 1, 20_000, null, 'Looks right to me.'],
      ['e-s2', 'scene-dana-budget', 'seen', TEAM[1].id, TEAM[1].name, 1, null, null, null],
    ] as const;
    db.transaction(() => {
      // My id before the app first asks for it, so it never makes one of its own (a second "me").
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('profile.id', JSON.stringify(ME_ID));
      for (const p of TEAM) person.run(p.id, p.name, p.timezone, p.hours, p.workdays, NOW);
      for (const [id, clip, kind, authorId, author, hoursAgo, atMs, emoji, text] of rows) {
        insert.run({ id, clip, kind, authorId, author, createdAt: at(hoursAgo).toISOString(), atMs, emoji, text });
      }
    })();
  } finally {
    db.close();
  }
}

/** `name` makes the data folder's path, which the Settings screen shows: the same on every run, not a random one. */
/**
 * `withVideo` gives the update the suites open its video here (fetched earlier, as Keep offline would), so its page
 * shows the player; without it that update, like the others, is a teammate's whose video never came in (lazy media,
 * and no workspace here), and its page says so: the still state the screenshot suite compares.
 */
export async function startScene(name: string, env: NodeJS.ProcessEnv = {}, options: { withVideo?: boolean } = {}): Promise<WebMode & { setProfile(): Promise<void> }> {
  const dir = path.join(os.tmpdir(), `handoff-ui-scene-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { mode: 0o700 });
  const folder = { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
  seedLibrary(folder.dir, SCENE_CLIPS);
  seedEvents(folder.dir);
  if (options.withVideo) {
    const opened = path.join(folder.dir, 'clips', 'scene-taro-release');
    mkdirSync(opened, { recursive: true });
    copyFileSync(testMedia().video, path.join(opened, 'video.mp4'));
  }
  const web = await startWebMode({ dataDir: folder.dir, env: { DISPLAY: process.env.DISPLAY || ':99', ...env, HANDOFF_FIXED_NOW: NOW } });
  return {
    ...web,
    setProfile: async () => {
      const response = await fetch(`${web.url}/api/settings:set`, {
        method: 'POST',
        headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          values: { 'profile.name': 'Dana Weber', 'profile.timezone': 'Europe/Berlin', 'profile.workingHours': '09:00-17:30', 'ui.onboarded': true },
        }),
      });
      if (!response.ok) throw new Error(`settings:set answered ${response.status}: ${await response.text()}`);
    },
    stop: async () => {
      await web.stop();
      folder.remove();
    },
  };
}

/** The browser's clock at the scene's instant; `frozen` also stops timers (a countdown stays on its first number). */
export async function fixBrowserClock(page: Page, frozen = false): Promise<void> {
  if (frozen) {
    await page.clock.install({ time: new Date(Date.parse(NOW) - 60_000) });
    await page.clock.pauseAt(NOW);
  } else {
    await page.clock.setFixedTime(NOW);
  }
}

export interface SceneScreen {
  name: string;
  hash: string;
  /** Resolves once the screen shows its content. */
  ready: (page: Page) => Promise<void>;
  /** Something to do on the screen first (open a dialog). */
  act?: (page: Page) => Promise<void>;
  frozenClock?: boolean;
}
