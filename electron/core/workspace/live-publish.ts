// Publishing while recording: the moov-first file the recorder builds (capture/live-join.ts) is uploaded as it grows,
// so at stop only its head and tail remain. Its sample data never moves relative to the start of the data, only the
// head in front of it changes size, so the upload is cut relative to the data: chunk k ≥ 1 is the k-th `chunk` bytes
// of data, sent as soon as the recording has written them; chunk 0 is the head (ftyp, moov, mdat header), known only
// at stop, and goes last.
// - On S3 each chunk is its own object (`updates/<id>/video.mp4.parts/head`, `.../000001`, …: video-parts.ts) and the
//   manifest describes that layout (`files.video.parts`), so nothing sent while recording is ever sent again and only
//   the head plus the last partial chunk (about 1 MiB + the moov) are left at stop. One object whose first bytes are
//   known only at stop could not do that on S3: every multipart part but the last must be at least 5 MiB.
// - In a folder the chunks are written in place into a hidden temp file linked into place at stop.
// Parts are invisible to teammates until the manifest, which the ordinary publish still writes last, so a cancelled
// or crashed recording leaves no published bundle: the parts are deleted, and a journal entry lets the next start
// delete what a crash left behind.
import { mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RecordingResult } from '../../../shared/contract/recorder';
import { ownerAlive, processStartToken } from '../capture/owner';
import type { RecordingFollower, RecordingInfo } from '../capture/follower';
import type { Logger } from '../logger';
import type { LiveUpload, WorkspaceBackend } from './backend';
import { JSON_LIMITS, keys, manifestFile, PARTS_LIMITS, parseWorkspaceJson, type VideoParts } from './files';

export interface LivePublishOutcome {
  clipId: string;
  mode: 'live' | 'fallback' | 'off';
  reason: string | null;
  /**
   * Bytes of the final file uploaded from the moment the clip was ready (chunks then in flight count whole): what
   * was still to upload at stop, besides what went up during the ~1 s of finalizing.
   */
  bytesAtStop: number;
  bytesTotal: number;
}

export interface LivePublishDeps {
  backend: () => { id: string; backend: WorkspaceBackend } | null;
  journalDir: string;
  logger: Logger;
  clipsDir: string;
  /** Bytes of data per chunk (default 1 MiB; at least 64 KiB, at most 64 MiB: the manifest's bounds). */
  chunkBytes?: number;
  /** Uploads data during recording (the setting); off, the follower only publishes at stop. */
  whileRecording: boolean;
  warn(id: string, message: string): void;
  /**
   * The ordinary publish of the clip; `videoUploaded` when the video is already in the workspace, `videoParts` when it
   * is there as parts objects (S3), for the manifest to describe.
   */
  publish(clipId: string, options: { videoUploaded: boolean; videoParts?: VideoParts }): Promise<void>;
  /**
   * After the manifest: waits for what follows it (the live transcript's last window) and publishes it. The manifest
   * does not wait: teammates can watch at once, and the transcript arrives as a new write-once file moments later.
   */
  afterPublish?(clipId: string, published: { withTranscript: boolean }): Promise<void>;
  /** Whether the clip's transcript is complete now (then it goes out with the manifest). */
  transcriptReady?(clipId: string): boolean;
  onOutcome?(outcome: LivePublishOutcome): void;
}

interface Journal {
  key: string;
  workspace: string;
  token: string | null;
  ownerPid: number;
  ownerStart: string | null;
}

const DEFAULT_CHUNK = 1024 * 1024;
const MIN_CHUNK = PARTS_LIMITS.minChunkBytes;
const MAX_CHUNK = PARTS_LIMITS.maxChunkBytes;

async function writeJournal(dir: string, id: string, journal: Journal): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${id}.json`);
  await writeFile(`${file}.tmp`, JSON.stringify(journal));
  const handle = await open(`${file}.tmp`, 'r+');
  await handle.sync();
  await handle.close();
  await rename(`${file}.tmp`, file);
}

/** Where the sample data starts in a finished MP4 (after the mdat box header). */
export async function mdatDataStart(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(16);
    for (let at = 0; ; ) {
      const { bytesRead } = await handle.read(header, 0, 16, at);
      if (bytesRead < 8) throw new Error('no mdat box in the finished video');
      const size32 = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      const size = size32 === 1 ? Number(header.readBigUInt64BE(8)) : size32;
      if (type === 'mdat') return at + (size32 === 1 ? 16 : 8);
      if (size < 8) throw new Error('a box with an impossible size in the finished video');
      at += size;
    }
  } finally {
    await handle.close();
  }
}

async function readRange(file: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    if (bytesRead !== length) throw new Error(`short read of ${file}`);
    return buffer;
  } finally {
    await handle.close();
  }
}

export function createLivePublisher(deps: LivePublishDeps, recording: RecordingInfo): RecordingFollower {
  const log = deps.logger.child(`live-publish ${recording.id}`);
  const journalFile = path.join(deps.journalDir, `${recording.id}.json`);
  const key = keys.updateFile(recording.id, 'video.mp4');
  const target = deps.whileRecording ? deps.backend() : null;
  const canUpload = Boolean(target?.backend.startLiveUpload);
  let upload: Promise<LiveUpload> | null = null;
  /** Data chunks (k ≥ 1) uploaded, with a copy of a few bytes of each to check the finished file against. */
  const sent = new Map<number, { offset: number; length: number; probe: Buffer; base: number }>();
  let work: Promise<void> = Promise.resolve();
  let busy = false;
  let failed: string | null = null;
  const chunk = Math.min(Math.max(deps.chunkBytes ?? DEFAULT_CHUNK, MIN_CHUNK), MAX_CHUNK);
  /** Bytes put from the moment the clip was ready (null before), chunks in flight then included whole. */
  let afterReady: number | null = null;
  let inFlightBytes = 0;

  const fail = (reason: string) => {
    if (failed) return;
    failed = reason;
    log.warn('publishing while recording stopped; the clip is uploaded whole after stop', { reason });
  };

  function start(): Promise<LiveUpload> {
    upload ??= (async () => {
      const journal: Journal = { key, workspace: target!.id, token: null, ownerPid: process.pid, ownerStart: processStartToken(process.pid) };
      // Written before the upload starts: a crash between the two still leaves a trace for the next start.
      await writeJournal(deps.journalDir, recording.id, journal);
      const started = await target!.backend.startLiveUpload!(key);
      await writeJournal(deps.journalDir, recording.id, { ...journal, token: started.token });
      return counted(started);
    })();
    return upload;
  }

  /** Counts what goes up after the clip is ready, for the outcome's bytesAtStop. */
  function counted(live: LiveUpload): LiveUpload {
    return {
      ...live,
      put: async (index, offset, body) => {
        inFlightBytes += body.length;
        if (afterReady !== null) afterReady += body.length;
        try {
          await live.put(index, offset, body);
        } finally {
          inFlightBytes -= body.length;
        }
      },
    };
  }

  const chunkRange = (k: number) => ({ offset: (k - 1) * chunk, length: chunk });

  async function pump(): Promise<void> {
    const join = recording.liveJoin();
    const available = join?.dataBytes() ?? null;
    if (!join || available === null || failed) return;
    const live = await start();
    const base = join.reserveBytes();
    if (live.kind === 'file') {
      // The recording outgrew its head space and the data moved back in the file: so does the data already written.
      for (const [k, part] of sent) {
        if (part.base === base) continue;
        await live.put(k, base + part.offset, await join.readData(part.offset, part.length));
        part.base = base;
      }
    }
    for (let k = sent.size + 1; ; k++) {
      const range = chunkRange(k);
      if (range.offset + range.length > available) return;
      const body = await join.readData(range.offset, range.length);
      await live.put(k, base + range.offset, body);
      sent.set(k, { ...range, base, probe: Buffer.concat([body.subarray(0, 4096), body.subarray(-4096)]) });
    }
  }

  function poke(): void {
    if (!canUpload || busy || failed) return;
    busy = true;
    work = work
      .then(pump)
      .catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)))
      .finally(() => (busy = false));
  }

  async function abortUpload(): Promise<void> {
    if (upload) {
      const live = await upload.catch(() => null);
      await live?.abort();
    }
    await rm(journalFile, { force: true });
  }

  /** Sends the rest of the finished file (tail and head) and completes the upload; the layout when it is parts. */
  async function finishUpload(video: string, size: number): Promise<VideoParts | null> {
    const live = await start();
    const dataStart = await mdatDataStart(video);
    const dataBytes = size - dataStart;
    // The data uploaded while recording must be the finished file's data (it is, unless finalize had to join again).
    for (const [k, part] of sent) {
      if (part.offset + part.length > dataBytes) throw new Error('the finished video is shorter than what was uploaded');
      const head = await readRange(video, dataStart + part.offset, 4096);
      const tail = await readRange(video, dataStart + part.offset + part.length - 4096, 4096);
      if (!Buffer.concat([head, tail]).equals(part.probe)) throw new Error('the finished video differs from what was uploaded while recording');
      // A short recording's head shrinks to fit at stop: in a file written in place, its data moves forward.
      if (live.kind === 'file' && part.base !== dataStart) {
        await live.put(k, dataStart + part.offset, await readRange(video, dataStart + part.offset, part.length));
      }
    }
    let count = 1;
    for (let k = sent.size + 1; ; k++) {
      const range = chunkRange(k);
      if (range.offset >= dataBytes) break;
      const length = Math.min(range.length, dataBytes - range.offset);
      await live.put(k, dataStart + range.offset, await readRange(video, dataStart + range.offset, length));
      count = k + 1;
    }
    count = Math.max(count, sent.size + 1);
    await live.put(0, 0, await readRange(video, 0, dataStart));
    await live.complete(count, size);
    // Parts are only a video once a manifest names them: until it is written, the journal lets recovery delete them.
    if (live.kind === 'parts') return { headBytes: dataStart, chunkBytes: chunk, count: count - 1 };
    await rm(journalFile, { force: true });
    return null;
  }

  return {
    partStarted: () => undefined,
    poke,
    partEnded: poke,
    async completed(result: RecordingResult) {
      afterReady = inFlightBytes;
      await work;
      const video = result.videoPath;
      if (!video) {
        await abortUpload();
        return;
      }
      const size = (await stat(video)).size;
      let mode: LivePublishOutcome['mode'] = canUpload ? 'live' : 'off';
      let videoParts: VideoParts | null = null;
      if (canUpload && !failed) {
        try {
          videoParts = await finishUpload(video, size);
        } catch (error) {
          fail(error instanceof Error ? error.message : String(error));
        }
      }
      if (canUpload && failed) {
        mode = 'fallback';
        await abortUpload().catch((error: unknown) => log.warn('could not abort the live upload; the next start tries again', { error }));
        deps.warn(recording.id, `Publishing while recording stopped (${failed}); the video is uploaded whole now.`);
      }
      const withTranscript = deps.transcriptReady?.(recording.id) ?? false;
      await deps.publish(recording.id, { videoUploaded: mode === 'live', ...(mode === 'live' && videoParts ? { videoParts } : {}) });
      if (videoParts) await rm(journalFile, { force: true });
      const bytesAtStop = mode === 'live' ? (afterReady ?? size) : size;
      deps.onOutcome?.({ clipId: recording.id, mode, reason: failed, bytesAtStop, bytesTotal: size });
      await deps.afterPublish?.(recording.id, { withTranscript });
    },
    async abandoned() {
      fail('the recording was cancelled');
      await work;
      await abortUpload();
    },
  };
}

/** Whether the clip's manifest is in the workspace and names its video as parts (then the parts are the video). */
async function publishedAsParts(backend: WorkspaceBackend, clipId: string): Promise<boolean> {
  const bytes = await backend.get(keys.manifest(clipId), { maxBytes: JSON_LIMITS.manifest });
  if (!bytes) return false;
  const parsed = parseWorkspaceJson(bytes, manifestFile);
  return parsed.ok && parsed.value.files.video.parts !== undefined;
}

/**
 * Undoes the live uploads a crash left behind (their journal's owner is gone): the parts objects on S3 (and the
 * multipart upload of a journal written by an earlier version), the temp file in a folder. Parts a manifest already
 * names (a crash between the manifest and the journal's removal) are the published video and stay. Entries for
 * another workspace than the current one stay until that one is current again.
 */
export async function cleanupLiveUploads(deps: { journalDir: string; backend: () => { id: string; backend: WorkspaceBackend } | null; logger: Logger }): Promise<number> {
  const names = await readdir(deps.journalDir).catch(() => [] as string[]);
  let cleaned = 0;
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const file = path.join(deps.journalDir, name);
    const journal = JSON.parse(await readFile(file, 'utf8')) as Journal;
    if (ownerAlive(journal.ownerPid, journal.ownerStart)) continue;
    const current = deps.backend();
    if (!current || current.id !== journal.workspace || !current.backend.abortLiveUpload) continue;
    // A journal is named by its recording's id (writeJournal), which is the clip's.
    if (await publishedAsParts(current.backend, path.basename(name, '.json'))) {
      await rm(file, { force: true });
      continue;
    }
    await current.backend.abortLiveUpload(journal.key, journal.token);
    await rm(file, { force: true });
    deps.logger.info('aborted a live upload a crash left behind', { key: journal.key });
    cleaned += 1;
  }
  return cleaned;
}
