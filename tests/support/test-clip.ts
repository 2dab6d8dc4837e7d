// A real, tiny clip for tests: a 4 s 320x240 H.264/AAC faststart MP4 (testsrc2 + a 440 Hz sine) made by ffmpeg, a
// thumbnail, a captions.vtt and transcript segments, inserted through insertClip. The MP4 is encoded once per process
// and copied for each clip, so many tests stay cheap on 2 cores.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clipDir, insertClip, type NewClip, type StoredClip } from '../../electron/core/library/clips-store';
import type { Db } from '../../electron/core/library/database';

export const TEST_SEGMENTS = [
  { startMs: 0, endMs: 1000, text: 'Hello team, here is the weekly update.' },
  { startMs: 1000, endMs: 2000, text: 'The release is blocked on the <login> fix & review.' },
  { startMs: 2000, endMs: 3000, text: 'Please approve the plan by Friday.' },
  { startMs: 3000, endMs: 4000, text: 'Thanks, talk soon.' },
];

function vttTime(ms: number): string {
  const h = String(Math.floor(ms / 3_600_000)).padStart(2, '0');
  const m = String(Math.floor((ms % 3_600_000) / 60_000)).padStart(2, '0');
  const s = String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0');
  return `${h}:${m}:${s}.${String(ms % 1000).padStart(3, '0')}`;
}

export function captionsVtt(segments: { startMs: number; endMs: number; text: string }[]): string {
  const cues = segments.map((s, i) => `${i + 1}\n${vttTime(s.startMs)} --> ${vttTime(s.endMs)}\n${s.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}`);
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

function ffmpeg(args: string[]): void {
  const bin = process.env.HANDOFF_FFMPEG ?? 'ffmpeg';
  const result = spawnSync(bin, ['-hide_banner', '-loglevel', 'error', '-y', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffmpeg exited with ${result.status}: ${(result.stderr ?? '').slice(-800)}`);
}

export function hasFfmpeg(): boolean {
  return spawnSync(process.env.HANDOFF_FFMPEG ?? 'ffmpeg', ['-version']).status === 0;
}

let cached: { video: string; thumb: string } | null = null;

/** The shared encoded media (video.mp4 and thumb.jpg), made on first use. */
export function testMedia(): { video: string; thumb: string } {
  if (cached) return cached;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-test-media-'));
  const video = path.join(dir, 'video.mp4');
  const thumb = path.join(dir, 'thumb.jpg');
  ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=4',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100:duration=4',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25',
    '-c:a', 'aac', '-b:a', '64k', '-movflags', '+faststart', '-shortest', video,
  ]);
  ffmpeg(['-ss', '1', '-i', video, '-frames:v', '1', '-q:v', '4', thumb]);
  cached = { video, thumb };
  return cached;
}

export interface TestClip {
  clip: StoredClip;
  dir: string;
  video: string;
  captions: string;
  thumb: string;
}

/** Inserts a ready clip with media, captions and segments into `db`, files under `clipsDir/<id>/`. */
export function makeTestClip(db: Db, clipsDir: string, overrides: Partial<NewClip> = {}): TestClip {
  const media = testMedia();
  const clip = insertClip(
    db,
    {
      authorName: 'Ana Souza',
      authorTimezone: 'America/Sao_Paulo',
      recordedAt: new Date('2026-03-06T21:40:00Z'),
      title: 'Weekly update: release <status>',
      context: 'Login fix slipped; QA needs one more day.',
      ask: 'Approve the new release plan',
      dueAt: new Date('2026-03-09T15:00:00Z'),
      urgency: 'reply-needed',
      durationMs: 4000,
      width: 320,
      height: 240,
      sizeBytes: statSync(media.video).size,
      state: 'ready',
      source: 'recorded',
      ...overrides,
    },
    new Date(),
  );
  const dir = clipDir(clipsDir, clip.id);
  mkdirSync(dir, { recursive: true });
  const video = path.join(dir, 'video.mp4');
  const thumb = path.join(dir, 'thumb.jpg');
  const captions = path.join(dir, 'captions.vtt');
  copyFileSync(media.video, video);
  copyFileSync(media.thumb, thumb);
  writeFileSync(captions, captionsVtt(TEST_SEGMENTS));
  const insert = db.prepare('INSERT INTO segments (clip_id, idx, start_ms, end_ms, text) VALUES (?, ?, ?, ?, ?)');
  TEST_SEGMENTS.forEach((s, i) => insert.run(clip.id, i, s.startMs, s.endMs, s.text));
  return { clip, dir, video, captions, thumb };
}
