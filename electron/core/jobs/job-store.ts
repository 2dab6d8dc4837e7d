// Rows of the `jobs` table. The queue is the table: a restart reads it back, so nothing lives only in memory.
import type { Db } from '../library/database';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobRow {
  id: number;
  clip_id: string;
  kind: string;
  state: JobState;
  progress: number;
  attempts: number;
  error: string | null;
  model: string | null;
  language: string | null;
  run_after_ms: number;
  created_at: string;
  updated_at: string;
}

export const TERMINAL: ReadonlySet<JobState> = new Set(['done', 'failed', 'cancelled']);

export function createJobStore(db: Db, clock: () => Date) {
  const now = () => clock().toISOString();
  return {
    get(id: number): JobRow | null {
      return (db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined) ?? null;
    },
    /** The clip's queued or running transcription, if any. */
    active(clipId: string): JobRow | null {
      return (
        (db
          .prepare("SELECT * FROM jobs WHERE clip_id = ? AND kind = 'transcribe' AND state IN ('queued', 'running') ORDER BY id DESC LIMIT 1")
          .get(clipId) as JobRow | undefined) ?? null
      );
    },
    latest(clipId: string): JobRow | null {
      return (
        (db.prepare("SELECT * FROM jobs WHERE clip_id = ? AND kind = 'transcribe' ORDER BY id DESC LIMIT 1").get(clipId) as
          | JobRow
          | undefined) ?? null
      );
    },
    list(limit = 100): JobRow[] {
      return db.prepare('SELECT * FROM jobs ORDER BY id DESC LIMIT ?').all(limit) as JobRow[];
    },
    insert(clipId: string, model: string | null, language: string | null): JobRow {
      const at = now();
      const { lastInsertRowid } = db
        .prepare(
          "INSERT INTO jobs (clip_id, kind, state, progress, attempts, model, language, run_after_ms, created_at, updated_at) VALUES (?, 'transcribe', 'queued', 0, 0, ?, ?, 0, ?, ?)",
        )
        .run(clipId, model, language, at, at);
      return this.get(Number(lastInsertRowid))!;
    },
    /** The next job whose time has come, oldest first; and when the earliest later one becomes due. */
    next(nowMs: number): { due: JobRow | null; nextAtMs: number | null } {
      const due = db
        .prepare("SELECT * FROM jobs WHERE state = 'queued' AND run_after_ms <= ? ORDER BY run_after_ms, id LIMIT 1")
        .get(nowMs) as JobRow | undefined;
      if (due) return { due, nextAtMs: null };
      const later = db.prepare("SELECT MIN(run_after_ms) AS at FROM jobs WHERE state = 'queued'").get() as { at: number | null };
      return { due: null, nextAtMs: later.at };
    },
    update(id: number, patch: Partial<Pick<JobRow, 'state' | 'progress' | 'attempts' | 'error' | 'run_after_ms' | 'model'>>): JobRow {
      const keys = Object.keys(patch) as (keyof typeof patch)[];
      if (keys.length > 0) {
        const sets = keys.map((key) => `${key} = @${key}`).join(', ');
        db.prepare(`UPDATE jobs SET ${sets}, updated_at = @now WHERE id = @id`).run({ ...patch, id, now: now() });
      }
      return this.get(id)!;
    },
    /** Jobs that were running when the app stopped go back to the queue (their process died with the app). */
    requeueInterrupted(): number {
      return db.prepare("UPDATE jobs SET state = 'queued', progress = 0, updated_at = ? WHERE state = 'running'").run(now()).changes;
    },
  };
}

export type JobStore = ReturnType<typeof createJobStore>;
