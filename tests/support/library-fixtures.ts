import { openDatabase, type Db } from '../../electron/core/library/database';
import { insertClip, type NewClip } from '../../electron/core/library/clips-store';
import { createMemoryLogger } from '../../electron/core/logger';

export function memoryLibraryDb(): Db {
  return openDatabase(':memory:', createMemoryLogger());
}

/** A clip with transcript segments inserted directly (no ffmpeg), each segment `durationMs` long from 0. */
export function addClipWithTranscript(
  db: Db,
  clip: Partial<NewClip> & { title: string },
  segments: string[],
  segmentMs = 5000,
): string {
  const row = insertClip(
    db,
    { authorName: 'Ana', authorTimezone: 'Europe/Berlin', recordedAt: new Date('2026-03-02T09:00:00Z'), state: 'ready', source: 'imported', ...clip },
    new Date('2026-03-02T10:00:00Z'),
  );
  const insert = db.prepare('INSERT INTO segments (clip_id, idx, start_ms, end_ms, text) VALUES (?, ?, ?, ?, ?)');
  segments.forEach((text, idx) => insert.run(row.id, idx, idx * segmentMs, (idx + 1) * segmentMs, text));
  return row.id;
}
