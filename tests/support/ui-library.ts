// Fills a data folder's library with clips before `handoff web` starts, through the same store the app writes with.
import path from 'node:path';
import { insertClip, type NewClip } from '../../electron/core/library/clips-store';
import { openDatabase } from '../../electron/core/library/database';
import { createMemoryLogger } from '../../electron/core/logger';
import { startWebMode, type WebMode } from './web-mode';
import { tempDir } from './temp-core';

export type SeedClip = Omit<NewClip, 'state' | 'source'> & Partial<Pick<NewClip, 'state' | 'source'>>;

export function seedLibrary(dataDir: string, clips: SeedClip[]): void {
  const db = openDatabase(path.join(dataDir, 'library.sqlite'), createMemoryLogger());
  try {
    const now = new Date();
    db.transaction(() => {
      // A teammate's clip (an author id) needs its person row, as a sync would have written it.
      const person = db.prepare('INSERT OR IGNORE INTO people (id, name, timezone, updated_at) VALUES (?, ?, ?, ?)');
      for (const clip of clips) {
        if (clip.authorId) person.run(clip.authorId, clip.authorName, clip.authorTimezone, now.toISOString());
        insertClip(db, { state: 'ready', source: 'imported', ...clip }, now);
      }
    })();
  } finally {
    db.close();
  }
}

/** `count` clips from a few senders in a few zones, one every 7 minutes back from now (distinct instants). */
export function manyClips(count: number, now = Date.now()): SeedClip[] {
  const senders = [
    { authorName: 'Bea', authorTimezone: 'Europe/Berlin' },
    { authorName: 'Taro', authorTimezone: 'Asia/Tokyo' },
    { authorName: 'Sam', authorTimezone: 'America/Los_Angeles' },
    { authorName: 'Priya', authorTimezone: 'Asia/Kolkata' },
  ];
  const urgencies = ['fyi', 'fyi', 'reply-needed', 'urgent'] as const;
  return Array.from({ length: count }, (_, i) => ({
    ...senders[i % senders.length],
    recordedAt: new Date(now - (i + 1) * 7 * 60_000),
    title: `Update ${i + 1}: progress on the release`,
    urgency: urgencies[i % urgencies.length],
    ask: i % 4 === 0 ? null : 'Can you review this?',
    dueAt: i % 4 === 3 ? new Date(now + (i + 1) * 3_600_000) : null,
    durationMs: 30_000 + (i % 300) * 1000,
  }));
}

/** Browser mode over a fresh data folder that already holds `clips`. */
export async function startWebModeWith(clips: SeedClip[], env?: NodeJS.ProcessEnv): Promise<WebMode> {
  const folder = tempDir('handoff-ui-');
  seedLibrary(folder.dir, clips);
  const web = await startWebMode({ dataDir: folder.dir, env });
  return {
    ...web,
    stop: async () => {
      await web.stop();
      folder.remove();
    },
  };
}
