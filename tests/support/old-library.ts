// A library as an early Handoff wrote it (schema 1: before search, the workspace and everything since), filled with
// `clips` clips of `segmentsPerClip` transcript segments each, so opening it runs every later migration over real
// volume: 002 and 005 build the search index over all of it. Written with plain inserts (schema 1 has no triggers).
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from '../../electron/core/library/migrations/index';

const WORDS = ['release', 'budget', 'review', 'design', 'customer', 'latency', 'rollout', 'hiring', 'roadmap', 'migration', 'search', 'inbox'];

export function seedSchemaOneLibrary(dataDir: string, clips: number, segmentsPerClip: number): string {
  const file = path.join(dataDir, 'library.sqlite');
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      migrations[0].up(db);
      db.pragma('user_version = 1');
      const clip = db.prepare(
        `INSERT INTO clips (id, author_name, author_timezone, recorded_at, recorded_at_ms, title, state, source, created_at, updated_at)
         VALUES (?, ?, 'Europe/Berlin', ?, ?, ?, 'ready', 'imported', ?, ?)`,
      );
      const segment = db.prepare('INSERT INTO segments (clip_id, idx, start_ms, end_ms, text) VALUES (?, ?, ?, ?, ?)');
      // One every 7 minutes up to now, so the newest are in the inbox's first page.
      const start = Date.now() - clips * 420_000;
      for (let i = 0; i < clips; i++) {
        const id = `old${String(i).padStart(8, '0')}`;
        const at = new Date(start + i * 420_000).toISOString();
        clip.run(id, `Person ${i % 9}`, at, start + i * 420_000, `Update ${i} on the ${WORDS[i % WORDS.length]}`, at, at);
        for (let s = 0; s < segmentsPerClip; s++) {
          const text = `we talked about the ${WORDS[(i + s) % WORDS.length]} and the ${WORDS[(i * 7 + s) % WORDS.length]} plan for week ${s}`;
          segment.run(id, s, s * 4000, (s + 1) * 4000, text);
        }
      }
    })();
  } finally {
    db.close();
  }
  return file;
}
