// Transcripts in the library: segments and words replace the clip's previous ones in one transaction (a reader sees
// the old transcript or the new one, never a mix), and the caption files next to the video are written atomically.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { formatSrt, formatVtt } from '../../../shared/captions';
import type { ClipsWriter } from '../library/clips-store';
import type { Db } from '../library/database';
import type { Transcript, TranscriptSegment } from './types';

/** `clips` (the clip rows' writer) records the transcript's state and language, and so emits the clip's change. */
export function saveTranscript(db: Db, clips: ClipsWriter, clipId: string, transcript: Transcript): void {
  const deleteSegments = db.prepare('DELETE FROM segments WHERE clip_id = ?');
  const insertSegment = db.prepare('INSERT INTO segments (clip_id, idx, start_ms, end_ms, text) VALUES (?, ?, ?, ?, ?)');
  const insertWord = db.prepare(
    'INSERT INTO words (segment_id, idx, start_ms, end_ms, text, probability) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    // words go with their segments (ON DELETE CASCADE).
    deleteSegments.run(clipId);
    transcript.segments.forEach((segment, idx) => {
      const { lastInsertRowid } = insertSegment.run(clipId, idx, segment.startMs, segment.endMs, segment.text);
      segment.words.forEach((word, wordIdx) => {
        insertWord.run(lastInsertRowid, wordIdx, word.startMs, word.endMs, word.text, word.p);
      });
    });
    clips.update(clipId, { transcriptState: 'done', language: transcript.language });
  })();
}

export interface StoredTranscript {
  clipId: string;
  state: string;
  language: string | null;
  segments: TranscriptSegment[];
}

/** The clip's transcript as stored; `segments` is empty until a transcription has finished. */
export function getTranscript(db: Db, clipId: string): StoredTranscript | null {
  const clip = db.prepare('SELECT transcript_state AS state, language FROM clips WHERE id = ?').get(clipId) as
    | { state: string; language: string | null }
    | undefined;
  if (!clip) return null;
  const rows = db
    .prepare(
      `SELECT s.id AS sid, s.start_ms AS sStart, s.end_ms AS sEnd, s.text AS sText,
              w.start_ms AS wStart, w.end_ms AS wEnd, w.text AS wText, w.probability AS p
         FROM segments s LEFT JOIN words w ON w.segment_id = s.id
        WHERE s.clip_id = ? ORDER BY s.idx, w.idx`,
    )
    .all(clipId) as {
    sid: number;
    sStart: number;
    sEnd: number;
    sText: string;
    wStart: number | null;
    wEnd: number | null;
    wText: string | null;
    p: number | null;
  }[];
  const segments: TranscriptSegment[] = [];
  let currentId: number | null = null;
  for (const row of rows) {
    if (row.sid !== currentId) {
      segments.push({ startMs: row.sStart, endMs: row.sEnd, text: row.sText, words: [] });
      currentId = row.sid;
    }
    if (row.wText !== null && row.wStart !== null && row.wEnd !== null) {
      segments.at(-1)!.words.push({ startMs: row.wStart, endMs: row.wEnd, text: row.wText, p: row.p });
    }
  }
  return { clipId, state: clip.state, language: clip.language, segments };
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes captions.vtt and captions.srt into the clip's folder. */
export async function writeCaptions(clipFolder: string, segments: readonly TranscriptSegment[]): Promise<{ vtt: string; srt: string }> {
  const vtt = path.join(clipFolder, 'captions.vtt');
  const srt = path.join(clipFolder, 'captions.srt');
  // Independent files: their two fsyncs overlap instead of queueing.
  await Promise.all([writeAtomic(vtt, formatVtt(segments)), writeAtomic(srt, formatSrt(segments))]);
  return { vtt, srt };
}
