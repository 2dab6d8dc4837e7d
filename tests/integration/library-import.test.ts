// Real files made by ffmpeg in the test, imported through the library service, checked with ffprobe; broken files are
// refused with nothing left behind on disk or in the database.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/library/database';
import { createClipsStore } from '../../electron/core/library/clips-store';
import { createLibrary, type Library } from '../../electron/core/library/library';
import { checkPlausible } from '../../electron/core/library/import-media';
import { createMemoryLogger } from '../../electron/core/logger';
import { runCli } from '../../electron/cli/index';

const hasFfmpeg = (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    execFileSync('ffprobe', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasFfmpeg) console.warn('library-import tests skipped: ffmpeg/ffprobe not on PATH');

let work: string;
let dataDir: string;
let db: Db;
let library: Library;
const added: string[] = [];
const changed: string[][] = [];

const VIDEO = ['-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=15:d=1.2'];
const AUDIO = ['-f', 'lavfi', '-i', 'sine=frequency=440:d=1.2'];

function make(name: string, args: string[]): string {
  const file = path.join(work, name);
  if (args.at(-1) === 'pipe:1') writeFileSync(file, execFileSync('ffmpeg', ['-v', 'error', '-y', ...args.slice(0, -1), '-shortest', 'pipe:1']));
  else execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, '-shortest', file]);
  return file;
}

function ffprobe(file: string) {
  const out = execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { encoding: 'utf8' });
  return JSON.parse(out) as { format: { format_name: string; duration: string }; streams: { codec_type: string; codec_name: string }[] };
}

function leftovers(): string[] {
  return readdirSync(path.join(dataDir, 'clips'));
}
const clipCount = () => (db.prepare('SELECT count(*) AS n FROM clips').get() as { n: number }).n;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'handoff-import-'));
  dataDir = path.join(work, 'data');
  db = openDatabase(':memory:', createMemoryLogger());
  library = createLibrary({
    db,
    clips: createClipsStore({ db, clock: () => new Date('2026-03-02T10:00:00Z'), onChanged: (ids) => changed.push(ids) }),
    paths: { clipsDir: path.join(dataDir, 'clips') },
    ffmpegPath: 'ffmpeg',
    ffprobePath: 'ffprobe',
    clock: () => new Date('2026-03-02T10:00:00Z'),
    logger: createMemoryLogger(),
    onClipAdded: (id) => void added.push(id),
  });
  execFileSync('mkdir', ['-p', path.join(dataDir, 'clips')]);
});
afterAll(() => {
  db?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!hasFfmpeg)('import', () => {
  const cases: { name: string; args: () => string[]; copy: [boolean, boolean]; audioOnly?: boolean }[] = [
    { name: 'vp9-opus.webm', args: () => [...VIDEO, ...AUDIO, '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-c:a', 'libopus'], copy: [false, false] },
    { name: 'mpeg4-pcm.mov', args: () => [...VIDEO, ...AUDIO, '-c:v', 'mpeg4', '-c:a', 'pcm_s16le'], copy: [false, false] },
    { name: 'h264-vorbis.mkv', args: () => [...VIDEO, ...AUDIO, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'libvorbis'], copy: [true, false] },
    { name: 'h264-aac.mp4', args: () => [...VIDEO, ...AUDIO, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'], copy: [true, true] },
    { name: 'voice.m4a', args: () => [...AUDIO, '-c:a', 'aac'], copy: [false, true], audioOnly: true },
    // Written to a pipe, as a browser's MediaRecorder does: no duration in the header.
    { name: 'live.webm', args: () => [...VIDEO, ...AUDIO, '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-c:a', 'libopus', '-f', 'webm', 'pipe:1'], copy: [false, false] },
    { name: 'voice.wav', args: () => [...AUDIO, '-c:a', 'pcm_s16le'], copy: [false, false], audioOnly: true },
  ];

  it.each(cases)('imports $name into a faststart H.264/AAC MP4', async ({ name, args, copy, audioOnly }) => {
    const source = make(name, args());
    const progress: number[] = [];
    const result = await library.import({ file: source, author: 'Ana', timezone: 'America/Los_Angeles', onProgress: (f) => progress.push(f) });
    const dir = path.join(dataDir, 'clips', result.clip.id);
    const video = path.join(dir, 'video.mp4');
    const probed = ffprobe(video);
    expect(probed.format.format_name).toContain('mp4');
    const codecs = probed.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort();
    expect(codecs).toEqual(audioOnly ? ['audio:aac'] : ['audio:aac', 'video:h264']);
    expect(Number(probed.format.duration)).toBeGreaterThan(1);
    // faststart: the index comes before the media data, so playback can start before the download ends.
    const head = readFileSync(video).subarray(0, 64 * 1024).toString('latin1');
    expect(head.indexOf('moov')).toBeGreaterThan(-1);
    expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat'));
    expect(existsSync(path.join(dir, 'thumb.jpg'))).toBe(!audioOnly);
    if (audioOnly) expect(result.notes.join()).toMatch(/no thumbnail/);
    // H.264 and AAC streams are copied as they are; everything else is encoded.
    expect([result.videoCopied, result.audioCopied]).toEqual(copy);
    expect(progress.at(-1)).toBe(1);
    expect(result.clip).toMatchObject({
      title: name.replace(/\.\w+$/, ''),
      author_name: 'Ana',
      author_timezone: 'America/Los_Angeles',
      state: 'ready',
      source: 'imported',
      size_bytes: statSync(video).size,
      width: audioOnly ? null : 160,
    });
    expect(added).toContain(result.clip.id);
    expect(changed).toContainEqual([result.clip.id]);
    expect(leftovers().filter((entry) => entry.startsWith('.'))).toEqual([]);
  });

  it('records the author as a person with their time zone, once', async () => {
    const source = make('again.mp4', [...AUDIO, '-c:a', 'aac']);
    await library.import({ file: source, author: 'ana', timezone: 'Asia/Tokyo', title: 'From Tokyo', recordedAt: new Date('2026-01-05T01:00:00Z') });
    const people = db.prepare("SELECT name, timezone FROM people WHERE name = 'Ana' COLLATE NOCASE").all();
    expect(people).toEqual([{ name: 'Ana', timezone: 'Asia/Tokyo' }]);
    const clip = db.prepare("SELECT recorded_at, author_id FROM clips WHERE title = 'From Tokyo'").get() as { recorded_at: string; author_id: string };
    expect(clip.recorded_at).toBe('2026-01-05T01:00:00.000Z');
    expect(clip.author_id).toBeTruthy();
  });

  const broken: { name: string; write: () => string; error: RegExp }[] = [
    {
      name: 'a text file',
      write: () => {
        const file = path.join(work, 'notes.mp4');
        writeFileSync(file, 'these are meeting notes, not a video\n'.repeat(50));
        return file;
      },
      error: /Not a readable media file/,
    },
    {
      name: 'an empty file',
      write: () => {
        const file = path.join(work, 'empty.webm');
        writeFileSync(file, '');
        return file;
      },
      error: /empty/,
    },
    {
      name: 'a truncated mp4',
      write: () => {
        const file = make('cut.mp4', [...VIDEO, ...AUDIO, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac']);
        truncateSync(file, Math.floor(statSync(file).size / 2));
        return file;
      },
      error: /Not a readable media file|no duration|truncated|damaged/,
    },
    {
      name: 'a truncated webm',
      write: () => {
        const file = make('cut.webm', [...VIDEO, ...AUDIO, '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-c:a', 'libopus']);
        truncateSync(file, Math.floor(statSync(file).size / 3));
        return file;
      },
      error: /truncated/,
    },
    {
      name: 'a still image',
      write: () => make('still.png', ['-f', 'lavfi', '-i', 'testsrc2=s=64x48', '-frames:v', '1']),
      error: /still image/,
    },
    { name: 'a missing file', write: () => path.join(work, 'nope.mov'), error: /Cannot read/ },
  ];

  it.each(broken)('refuses $name and leaves nothing behind', async ({ write, error }) => {
    const before = { rows: clipCount(), entries: leftovers().sort() };
    await expect(library.import({ file: write(), author: 'Ana', timezone: 'UTC' })).rejects.toThrow(error);
    expect(clipCount()).toBe(before.rows);
    expect(leftovers().sort()).toEqual(before.entries);
  });

  it('clears a half-written import left by a crash, and keeps a recent one', async () => {
    const stale = path.join(dataDir, 'clips', '.import-crashedcrashed');
    const fresh = path.join(dataDir, 'clips', '.import-runningrunning');
    for (const dir of [stale, fresh]) {
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'video.mp4'), 'partial');
    }
    // The test clock is 2026-03-02T10:00Z: one folder is a day older, the other written "now".
    utimesSync(stale, new Date('2026-03-01T10:00:00Z'), new Date('2026-03-01T10:00:00Z'));
    utimesSync(fresh, new Date('2026-03-02T09:59:00Z'), new Date('2026-03-02T09:59:00Z'));
    await library.import({ file: make('sweep.m4a', [...AUDIO, '-c:a', 'aac']), author: 'Ana', timezone: 'UTC' });
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    rmSync(fresh, { recursive: true });
  });

  it('refuses a bad time zone before doing any work', async () => {
    const source = make('tz.m4a', [...AUDIO, '-c:a', 'aac']);
    await expect(library.import({ file: source, author: 'Ana', timezone: 'Mars/Olympus' })).rejects.toThrow(/IANA/);
  });

  it('deletes rows, index rows and files together', async () => {
    const source = make('gone.mp4', [...VIDEO, ...AUDIO, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac']);
    const { clip } = await library.import({ file: source, author: 'Ana', timezone: 'UTC', title: 'Quarterly zeppelin review' });
    db.prepare('INSERT INTO segments (clip_id, idx, start_ms, end_ms, text) VALUES (?, 0, 0, 1000, ?)').run(clip.id, 'the zeppelin budget');
    expect(library.search({ query: 'zeppelin', limit: 5 }).hits).toHaveLength(2);
    const result = await library.delete(clip.id);
    expect(result).toEqual({ id: clip.id, filesRemoved: true, filesProblem: null });
    expect(existsSync(path.join(dataDir, 'clips', clip.id))).toBe(false);
    expect(library.search({ query: 'zeppelin', limit: 5 }).hits).toHaveLength(0);
    expect(db.prepare('SELECT count(*) AS n FROM search_docs WHERE clip_id = ?').get(clip.id)).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM segments WHERE clip_id = ?').get(clip.id)).toEqual({ n: 0 });
    await expect(library.delete(clip.id)).rejects.toThrow(/No clip/);
    expect(library.doctorChecks().every((check) => check.ok)).toBe(true);
  });
});

describe('plausibility', () => {
  const base = { formatName: 'mov,mp4', sizeBytes: 1000, audio: null, video: { codec: 'h264', width: 1920, height: 1080, fps: 30 } };
  it('refuses zero-length, day-long and larger-than-8K media', () => {
    expect(() => checkPlausible({ ...base, durationMs: 0 }, 'a.mp4')).toThrow(/no duration/);
    expect(() => checkPlausible({ ...base, durationMs: null }, 'live.webm')).not.toThrow();
    expect(() => checkPlausible({ ...base, durationMs: 25 * 3_600_000 }, 'a.mp4')).toThrow(/24 h/);
    expect(() => checkPlausible({ ...base, durationMs: 1000, video: { ...base.video, width: 15360, height: 8640 } }, 'a.mp4')).toThrow(/8K/);
    expect(() => checkPlausible({ ...base, durationMs: 1000 }, 'a.mp4')).not.toThrow();
    expect(() => checkPlausible({ ...base, durationMs: 1000, video: { ...base.video, width: 2160, height: 3840 } }, 'portrait.mp4')).not.toThrow();
  });
});

describe.skipIf(!hasFfmpeg)('handoff CLI', () => {
  it('imports, searches, renames, shows, backs up and deletes', async () => {
    const cliData = path.join(work, 'cli-data');
    const source = make('cli.m4a', [...AUDIO, '-c:a', 'aac']);
    const run = async (...args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(['--data-dir', cliData, ...args], {
        stdout: { write: (t: string) => ((stdout += t), true) } as NodeJS.WritableStream,
        stderr: { write: (t: string) => ((stderr += t), true) } as NodeJS.WritableStream,
        stdin: process.stdin,
        env: process.env,
      });
      return { code, stdout, stderr };
    };
    const imported = await run('import', source, '--title', 'Budget walkthrough', '--author', 'Dee', '--timezone', 'Asia/Kolkata', '--json');
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stderr).toContain('converting: 100%');
    const id = (JSON.parse(imported.stdout) as { clip: { id: string } }).clip.id;

    const found = await run('search', 'budg*', '--json');
    expect(JSON.parse(found.stdout).hits[0]).toMatchObject({ clipId: id, author: 'Dee', snippet: '[Budget] walkthrough' });
    expect((await run('search', '"unbalanced (', '--json')).code).toBe(0);
    const renamed = await run('rename', id, 'Budget review');
    expect(renamed.stdout, `rename failed: ${renamed.stderr}`).toContain('Budget review');
    expect(JSON.parse((await run('show', id, '--json')).stdout)).toMatchObject({ title: 'Budget review', segments: [] });
    const backup = path.join(work, 'backup.sqlite');
    expect((await run('backup', backup)).code).toBe(0);
    const copy = openDatabase(backup, createMemoryLogger());
    expect(copy.prepare('SELECT title FROM clips').all()).toEqual([{ title: 'Budget review' }]);
    copy.close();
    expect((await run('delete', id)).code).toBe(0);
    expect(JSON.parse((await run('list', '--json')).stdout).clips).toEqual([]);
    const noAuthor = await run('import', source);
    expect(noAuthor.code).toBe(1);
    expect(noAuthor.stderr).toMatch(/author name is needed/);
    const bad = await run('import', path.join(work, 'notes.mp4'), '--author', 'Dee');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Not a readable media file/);
    expect(readdirSync(path.join(cliData, 'clips'))).toEqual([]);
  });
});
