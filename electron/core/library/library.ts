// The clip library as one service: import, read, rename, delete, search, backup and an integrity check. Composed
// once per entry point with its dependencies; `onClipAdded` is where transcription gets queued, `onChanged` where
// `clips:changed` is emitted.
import { closeSync, openSync } from 'node:fs';
import { lstat, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ClipDetail, ClipSummary } from '../../../shared/contract/clips';
import type { DoctorReport } from '../../../shared/contract/app';
import { HandoffError, messageOf } from '../../../shared/result';
import type { Logger } from '../logger';
import { ffprobeNextTo } from '../media/probe';
import { listClips, toClipSummary, type ListOptions } from './clip-rows';
import { clipDir, getClip, updateClip, type StoredClip } from './clips-store';
import type { Db } from './database';
import { importMedia, type ImportRequest, type ImportResult } from './import-media';
import { createSearch, optimizeSearchIndex } from './search';
import { createSettingsStore } from './settings-store';

export interface LibraryDeps {
  db: Db;
  paths: { clipsDir: string };
  /** A path, or a lookup run on first use (locating ffmpeg is async and most library calls never need it). */
  ffmpegPath: string | (() => Promise<string | null>);
  ffprobePath?: string;
  clock: () => Date;
  logger: Logger;
  /** Awaited, so a one-shot CLI keeps the database open until follow-up work (transcription) is queued. */
  onClipAdded?: (clipId: string) => void | Promise<void>;
  onChanged?: (clipIds: string[]) => void;
}

export type ImportOptions = Omit<ImportRequest, 'author' | 'timezone'> & { author?: string; timezone?: string };

export function toClipDetail(db: Db, clip: StoredClip): ClipDetail {
  const segments = db
    .prepare('SELECT idx, start_ms AS startMs, end_ms AS endMs, text FROM segments WHERE clip_id = ? ORDER BY idx')
    .all(clip.id) as ClipDetail['segments'];
  const decisions = db
    .prepare(
      `SELECT id, author_name AS author, created_at AS createdAt, at_ms AS atMs, text FROM events
       WHERE clip_id = ? AND kind = 'decision' AND text IS NOT NULL ORDER BY created_at`,
    )
    .all(clip.id) as ClipDetail['decisions'];
  return {
    ...toClipSummary(clip),
    context: clip.context,
    recipients: JSON.parse(clip.recipients) as string[],
    replyTo: clip.reply_to,
    source: clip.source,
    transcriptState: clip.transcript_state,
    language: clip.language,
    publishedAt: clip.published_at,
    createdAt: clip.created_at,
    updatedAt: clip.updated_at,
    segments,
    decisions,
  };
}

export function createLibrary(deps: LibraryDeps) {
  const { db, logger } = deps;
  // Search reads long doclists: memory-mapped reads and a 64 MB page cache keep them out of read() syscalls.
  db.pragma('mmap_size = 268435456');
  db.pragma('cache_size = -65536');
  const settings = createSettingsStore(db);
  const search = createSearch(db);
  const changed = (ids: string[]) => deps.onChanged?.(ids);

  async function binaries(): Promise<{ ffmpeg: string; ffprobe: string }> {
    const ffmpeg = typeof deps.ffmpegPath === 'string' ? deps.ffmpegPath : await deps.ffmpegPath();
    if (!ffmpeg) throw new HandoffError('unavailable', 'ffmpeg was not found; run `handoff doctor` for how to install it.');
    return { ffmpeg, ffprobe: deps.ffprobePath ?? ffprobeNextTo(ffmpeg) };
  }

  return {
    async import(options: ImportOptions): Promise<ImportResult> {
      const profile = settings.get();
      const { ffmpeg, ffprobe } = await binaries();
      const result = await importMedia(
        { db, clipsDir: deps.paths.clipsDir, ffmpegPath: ffmpeg, ffprobePath: ffprobe, clock: deps.clock, logger },
        {
          ...options,
          author: options.author ?? profile['profile.name'],
          timezone: options.timezone || profile['profile.timezone'] || Intl.DateTimeFormat().resolvedOptions().timeZone,
        },
      );
      logger.info('imported a clip', { id: result.clip.id, copied: result.videoCopied && result.audioCopied });
      changed([result.clip.id]);
      try {
        await deps.onClipAdded?.(result.clip.id);
      } catch (error) {
        // The clip is safely in the library; a failure to queue follow-up work must not undo the import.
        logger.error('onClipAdded failed', { id: result.clip.id, error });
      }
      return result;
    },

    list: (options: ListOptions) => listClips(db, options),

    get: (id: string): ClipDetail => toClipDetail(db, getClip(db, id)),

    rename(id: string, title: string): ClipSummary {
      const trimmed = title.trim();
      if (!trimmed) throw new HandoffError('invalid-input', 'A title cannot be empty.');
      if (getClip(db, id).source === 'workspace') throw new HandoffError('forbidden', `Clip ${id} is a teammate's update; only its author can rename it.`);
      const clip = toClipSummary(updateClip(db, id, { title: trimmed }, deps.clock()));
      changed([id]);
      return clip;
    },

    /** Rows first (one transaction, index rows go with them by trigger), then files; a file problem is reported. */
    async delete(id: string): Promise<{ id: string; filesRemoved: boolean; filesProblem: string | null }> {
      const dir = clipDir(deps.paths.clipsDir, id);
      // A teammate's update is theirs: deleting it here would only last until the next sync brought it back.
      if (getClip(db, id).source === 'workspace') throw new HandoffError('forbidden', `Clip ${id} is a teammate's update; only its author can delete it.`);
      const result = db.prepare('DELETE FROM clips WHERE id = ?').run(id);
      if (result.changes === 0) throw new HandoffError('not-found', `No clip with id ${id}.`);
      changed([id]);
      try {
        await rm(dir, { recursive: true, force: true });
        return { id, filesRemoved: true, filesProblem: null };
      } catch (error) {
        const problem = `the clip was deleted, but its folder ${dir} could not be removed: ${messageOf(error)}`;
        logger.error('clip files not removed', { id, dir, error });
        return { id, filesRemoved: false, filesProblem: problem };
      }
    },

    search,

    /** An online copy through SQLite's backup API: consistent even while the app writes. */
    async backup(file: string): Promise<{ file: string; bytes: number }> {
      const target = path.resolve(file);
      // lstat, not exists: a dangling symlink "does not exist" and SQLite would write through it to wherever it points.
      const entry = await lstat(target).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (entry?.isSymbolicLink()) throw new HandoffError('invalid-input', `${target} is a symbolic link; a backup is written only to a new plain file.`);
      if (entry) throw new HandoffError('conflict', `${target} already exists; choose a new file name.`);
      const folder = await stat(path.dirname(target)).catch(() => null);
      if (!folder?.isDirectory()) throw new HandoffError('not-found', `The folder ${path.dirname(target)} does not exist; create it first or choose another.`);
      // Created empty and private (0600) first, exclusively: the copy holds everything the library does. SQLite writes into it.
      closeSync(openSync(target, 'wx', 0o600));
      const { totalPages } = await db.backup(target);
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      return { file: target, bytes: totalPages * pageSize };
    },

    /** Merges the search index's b-trees into one; what the app runs after a bulk load (see optimizeSearchIndex). */
    optimizeIndex(): void {
      optimizeSearchIndex(db);
    },

    /** For `handoff doctor`: SQLite's integrity check and the search index's own. */
    doctorChecks(): DoctorReport['checks'] {
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      const problems = rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
      let indexProblem: string | null = null;
      try {
        db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)").run();
      } catch (error) {
        indexProblem = messageOf(error);
      }
      return [
        {
          name: 'library database',
          ok: problems.length === 0,
          required: true,
          detail: problems.length === 0 ? 'integrity check ok' : `integrity check: ${problems.slice(0, 5).join('; ')}`,
          fix: problems.length === 0 ? undefined : 'Restore from a backup (`handoff backup FILE` makes one).',
        },
        {
          name: 'search index',
          ok: indexProblem === null,
          required: false,
          detail: indexProblem === null ? 'consistent with the library' : `inconsistent: ${indexProblem}`,
          fix: indexProblem === null ? undefined : "Rebuild it: sqlite3 library.sqlite \"INSERT INTO search_fts(search_fts) VALUES('rebuild')\"",
        },
      ];
    },
  };
}
export type Library = ReturnType<typeof createLibrary>;
