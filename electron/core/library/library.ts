// The clip library as one service: import, add a finished recording, read, rename, delete, search, backup and an
// integrity check. Composed once per entry point with its dependencies; `onClipAdded` is where transcription gets
// queued. Rows are written through the ClipsStore, which emits `clips:changed`.
import { closeSync, openSync } from 'node:fs';
import { lstat, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ClipDetail, ClipSummary } from '../../../shared/contract/clips';
import type { DoctorReport } from '../../../shared/contract/app';
import { HandoffError, messageOf } from '../../../shared/result';
import type { Logger } from '../logger';
import { ffprobeNextTo } from '../media/probe';
import { listClips, toClipSummary, type ListOptions } from './clip-rows';
import { clipDir, findClip, getClip, type ClipBatch, type ClipsStore, type ClipsWriter, type StoredClip } from './clips-store';
import type { Db } from './database';
import { importMedia, type ImportRequest, type ImportResult } from './import-media';
import { createSearch, optimizeSearchIndex } from './search';
import { createSettingsStore } from './settings-store';
import { upsertPerson } from './people';
import { authorOf } from './author';

export interface LibraryDeps {
  db: Db;
  clips: ClipsStore;
  paths: { clipsDir: string };
  /** A path, or a lookup run on first use (locating ffmpeg is async and most library calls never need it). */
  ffmpegPath: string | (() => Promise<string | null>);
  ffprobePath?: string;
  clock: () => Date;
  logger: Logger;
  /** Awaited, so a one-shot CLI keeps the database open until follow-up work (transcription) is queued. */
  onClipAdded?: (clipId: string, writer: ClipsWriter) => void | Promise<void>;
  /**
   * My profile, whose person row (is_me, id = profile.id) authors my recordings. Absent (a bare library in tests): the
   * author is found by name. By name alone, a recording made after renaming myself, before anything had read the
   * profile again, went to a new person with my name, and the app then showed it as a teammate's.
   */
  me?: () => { id: string; name: string; timezone: string };
}

/**
 * What the recorder hands over when a recording is finished: its clip folder (video.mp4 and thumb.jpg already in
 * place), the probed facts and the options it was started with. The library makes it a clip the way an import is made.
 */
export interface CompletedRecording {
  id: string;
  folder: string;
  recordedAt: Date;
  probe: { durationMs: number | null; width: number | null; height: number | null; sizeBytes: number | null };
  options: { title?: string; replyTo?: string | null };
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
  const { clips } = deps;

  /**
   * Follow-up work (queueing transcription) for a clip that is safely in the library, written through the adding
   * operation's batch so the whole addition is one clips:changed; its failure never undoes the clip.
   */
  async function added(id: string, batch: ClipBatch): Promise<void> {
    try {
      await deps.onClipAdded?.(id, batch);
    } catch (error) {
      logger.error('onClipAdded failed', { id, error });
    } finally {
      batch.flush();
    }
  }

  async function binaries(): Promise<{ ffmpeg: string; ffprobe: string }> {
    const ffmpeg = typeof deps.ffmpegPath === 'string' ? deps.ffmpegPath : await deps.ffmpegPath();
    if (!ffmpeg) throw new HandoffError('unavailable', 'ffmpeg was not found; run `handoff doctor` for how to install it.');
    return { ffmpeg, ffprobe: deps.ffprobePath ?? ffprobeNextTo(ffmpeg) };
  }

  return {
    async import(options: ImportOptions): Promise<ImportResult> {
      const profile = settings.get();
      const { ffmpeg, ffprobe } = await binaries();
      const batch = clips.batch();
      const result = await importMedia(
        { db, clips: batch, clipsDir: deps.paths.clipsDir, ffmpegPath: ffmpeg, ffprobePath: ffprobe, clock: deps.clock, logger },
        {
          ...options,
          author: options.author ?? profile['profile.name'],
          timezone: options.timezone || profile['profile.timezone'] || Intl.DateTimeFormat().resolvedOptions().timeZone,
        },
      );
      logger.info('imported a clip', { id: result.clip.id, copied: result.videoCopied && result.audioCopied });
      await added(result.clip.id, batch);
      return result;
    },

    /**
     * A finished recording becomes a clip: authored by me (the person row of my profile, so its author id is set as
     * an import's is), its facts from the recorder's probe. Idempotent by id: recovery may hand the same one twice.
     */
    clipFacts(id: string): CompletedRecording['probe'] | null {
      const clip = findClip(db, id);
      return clip ? { durationMs: clip.duration_ms, width: clip.width, height: clip.height, sizeBytes: clip.size_bytes } : null;
    },

    async addRecording(recording: CompletedRecording): Promise<StoredClip> {
      const existing = db.prepare('SELECT id FROM clips WHERE id = ?').get(recording.id);
      if (existing) return getClip(db, recording.id);
      const profile = settings.get();
      // The profile read writes my person row (people.ts), so the author is that row whatever my name is now.
      const mine = deps.me?.();
      const me = mine ?? authorOf({ name: profile['profile.name'], timezone: profile['profile.timezone'] });
      const batch = clips.batch();
      const clip = db.transaction(() => {
        const person = mine ? { id: mine.id, name: mine.name } : upsertPerson(db, me, deps.clock());
        return batch.insert({
          id: recording.id,
          authorId: person.id,
          authorName: person.name,
          authorTimezone: me.timezone,
          recordedAt: recording.recordedAt,
          title: recording.options.title,
          replyTo: recording.options.replyTo ?? null,
          durationMs: recording.probe.durationMs,
          width: recording.probe.width,
          height: recording.probe.height,
          sizeBytes: recording.probe.sizeBytes,
          state: 'ready',
          source: 'recorded',
        });
      })();
      logger.info('added a recording', { id: clip.id, durationMs: clip.duration_ms });
      await added(clip.id, batch);
      return clip;
    },

    list: (options: ListOptions) => listClips(db, options),

    get: (id: string): ClipDetail => toClipDetail(db, getClip(db, id)),

    rename(id: string, title: string): ClipSummary {
      const trimmed = title.trim();
      if (!trimmed) throw new HandoffError('invalid-input', 'A title cannot be empty.');
      if (getClip(db, id).source === 'workspace') throw new HandoffError('forbidden', `Clip ${id} is a teammate's update; only its author can rename it.`);
      return toClipSummary(clips.update(id, { title: trimmed }));
    },

    /** Rows first (one transaction, index rows go with them by trigger), then files; a file problem is reported. */
    async delete(id: string): Promise<{ id: string; filesRemoved: boolean; filesProblem: string | null }> {
      const dir = clipDir(deps.paths.clipsDir, id);
      // A teammate's update is theirs: deleting it here would only last until the next sync brought it back.
      if (getClip(db, id).source === 'workspace') throw new HandoffError('forbidden', `Clip ${id} is a teammate's update; only its author can delete it.`);
      if (!clips.remove(id)) throw new HandoffError('not-found', `No clip with id ${id}.`);
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
