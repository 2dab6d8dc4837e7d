// Transcripts in the workspace. The bundle carries `transcript.json` when the clip had one at publish; a transcript
// finished (or redone) after that is a new write-once file, `transcript-<stamp>-<rand>.json`, announced in the feed.
// Readers index every one they see and keep the newest stamp per clip in their library (segments, words, captions), so
// a teammate's words are searchable and play as captions exactly like mine.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { HandoffError } from '../../../shared/result';
import { clipDir, findClip, type ClipsWriter } from '../library/clips-store';
import type { Db } from '../library/database';
import type { Logger } from '../logger';
import { getTranscript, saveTranscript, writeCaptions } from '../transcribe/transcript-store';
import type { Transcript } from '../transcribe/types';
import type { WorkspaceBackend } from './backend';
import { feedStamp, keys, parseWorkspaceJson, transcriptFile, transcriptKey, WORKSPACE_SCHEMA, type TranscriptFile } from './files';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The clip's transcript as a workspace file (segments, words, language), or null when it has none. */
export function transcriptBody(db: Db, clipId: string): Buffer | null {
  const stored = getTranscript(db, clipId);
  if (!stored || stored.segments.length === 0) return null;
  const file: TranscriptFile = {
    schema: WORKSPACE_SCHEMA,
    clipId,
    language: stored.language,
    segments: stored.segments.map((s) => ({ startMs: s.startMs, endMs: s.endMs, text: s.text, words: s.words.map((w) => ({ ...w })) })),
  };
  return Buffer.from(JSON.stringify(file, null, 2));
}

export function createWorkspaceTranscripts(deps: { db: Db; clipsDir: string; clock: () => Date; logger: Logger }) {
  const { db } = deps;
  const q = {
    known: db.prepare('SELECT hash FROM workspace_transcripts WHERE key = ?').pluck(),
    newest: db.prepare('SELECT stamp, hash FROM workspace_transcripts WHERE clip_id = ? ORDER BY stamp DESC LIMIT 1'),
    record: db.prepare(
      `INSERT INTO workspace_transcripts (key, clip_id, stamp, hash, indexed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET hash = excluded.hash, indexed_at = excluded.indexed_at`,
    ),
  };

  async function apply(clipId: string, file: TranscriptFile, clips: ClipsWriter): Promise<void> {
    const transcript: Transcript = {
      language: file.language ?? '',
      segments: file.segments.map((s) => ({ startMs: s.startMs, endMs: s.endMs, text: s.text, words: (s.words ?? []).map((w) => ({ ...w, p: w.p ?? null })) })),
    };
    saveTranscript(db, clips, clipId, transcript);
    const folder = clipDir(deps.clipsDir, clipId);
    await mkdir(folder, { recursive: true });
    await writeCaptions(folder, transcript.segments);
  }

  return {
    /** Whether this exact file is already in the library's bookkeeping. */
    isKnown: (key: string) => q.known.get(key) !== undefined,

    /**
     * Indexes one transcript file read from the workspace. 'waiting' when its update has not been synced yet;
     * 'applied' when it is the clip's newest and now in the library; 'older' when a newer one is already there.
     */
    /** `clips` is the writer the transcript state goes through (a sync passes its batch). */
    async index(key: string, bytes: Buffer, clips: ClipsWriter): Promise<{ outcome: 'applied' | 'older' | 'unchanged' | 'waiting'; clipId: string } | { outcome: 'problem'; clipId: string | null; message: string; kind: 'malformed' | 'unknown-version' }> {
      const where = transcriptKey(key);
      if (!where) return { outcome: 'problem', clipId: null, message: 'not a transcript key', kind: 'malformed' };
      const hash = sha256(bytes);
      if (q.known.get(key) === hash) return { outcome: 'unchanged', clipId: where.clipId };
      const parsed = parseWorkspaceJson(bytes, transcriptFile);
      if (!parsed.ok) return { outcome: 'problem', clipId: where.clipId, message: parsed.message, kind: parsed.kind };
      if (parsed.value.clipId !== where.clipId) return { outcome: 'problem', clipId: where.clipId, message: 'transcript clip id does not match its folder', kind: 'malformed' };
      const clip = findClip(db, where.clipId);
      if (!clip) return { outcome: 'waiting', clipId: where.clipId };
      // My own clip's transcripts are made here; a copy of one read back from the workspace is only bookkept.
      const newest = q.newest.get(where.clipId) as { stamp: string; hash: string } | undefined;
      const isNewest = !newest || where.stamp >= newest.stamp;
      if (isNewest && clip.source === 'workspace') await apply(where.clipId, parsed.value, clips);
      q.record.run(key, where.clipId, where.stamp, hash, deps.clock().toISOString());
      return { outcome: isNewest && clip.source === 'workspace' ? 'applied' : 'older', clipId: where.clipId };
    },

    /** Bookkeeps the transcript.json a publish wrote, so a later one is compared with it. */
    recordPublished(clipId: string, body: Buffer): void {
      q.record.run(keys.updateFile(clipId, 'transcript.json'), clipId, '', sha256(body), deps.clock().toISOString());
    },

    /** Publishes the clip's current transcript as a new write-once file; null when it is not mine, published, transcribed. */
    async publishLater(backend: WorkspaceBackend, clipId: string, writeFeed: (key: string) => Promise<void>): Promise<string | null> {
      const clip = findClip(db, clipId);
      if (!clip) throw new HandoffError('not-found', `No clip ${clipId}.`);
      if (clip.source === 'workspace' || !clip.published_at) return null;
      const body = transcriptBody(db, clipId);
      if (!body) return null;
      // Every finished transcription goes out, even one with the same words: re-transcribing is something the author
      // asked for, and readers take the newest file whatever it holds.
      const newest = q.newest.get(clipId) as { stamp: string; hash: string } | undefined;
      let stamp = feedStamp(deps.clock().getTime());
      // Newest wins by stamp: never write one that sorts before what is already there (a clock set back).
      if (newest && stamp <= newest.stamp) stamp = `${newest.stamp}1`;
      const key = keys.laterTranscript(clipId, stamp, randomBytes(6).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x'));
      await backend.putOnce(key, body);
      q.record.run(key, clipId, stamp, sha256(body), deps.clock().toISOString());
      await writeFeed(key);
      deps.logger.info('published a later transcript', { clipId, key });
      return key;
    },
  };
}
export type WorkspaceTranscripts = ReturnType<typeof createWorkspaceTranscripts>;
