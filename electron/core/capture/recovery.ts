// Turning a recording folder into a clip: after a normal stop, and on start / `handoff recover` for every folder a
// crash left behind (kill -9, power loss, ffmpeg dying). A recovered clip holds every complete segment.
import { open, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { RecordingResult } from '../../../shared/contract/recorder';
import { HandoffError } from '../../../shared/result';
import { clipDir } from '../library/clips-store';
import type { CompletedRecording } from '../library/library';
import type { Logger } from '../logger';
import { buildVideo } from './finalize';
import type { LiveJoin } from './live-join';
import { readManifest, tryWriteManifest, type Manifest } from './manifest';
import { ownerAlive, processStartToken } from './owner';

export interface ClipDeps {
  ffmpegPath: string;
  clipsDir: string;
  recordingsDir: string;
  clock: () => Date;
  logger: Logger;
  /** The facts of the clip when the library already holds it (recovery is idempotent by id), else null. */
  clipFacts: (id: string) => CompletedRecording['probe'] | null;
  /**
   * Hands a finished recording to the library, which makes it a clip the way an import is made (the library is the
   * writer of clip rows, not the recorder). Awaited, so a one-shot CLI keeps the database open until follow-up work
   * (transcription) is queued.
   */
  addRecording: (recording: CompletedRecording) => Promise<unknown>;
}

/** Builds the video and the clip row, marks the manifest finished and removes the segments. Idempotent by id. */
export async function recordingToClip(
  deps: ClipDeps,
  dir: string,
  manifest: Manifest,
  options: { signal?: AbortSignal; liveJoin?: LiveJoin | null } = {},
): Promise<RecordingResult> {
  const folder = clipDir(deps.clipsDir, manifest.id);
  let probe = deps.clipFacts(manifest.id);
  if (!probe) {
    const video = await buildVideo({ ffmpegPath: deps.ffmpegPath, recordingDir: dir, manifest, clipDir: folder, ...options, logger: deps.logger });
    probe = {
      durationMs: video.info.durationMs,
      width: video.info.video?.width ?? null,
      height: video.info.video?.height ?? null,
      sizeBytes: video.info.sizeBytes,
    };
    await deps.addRecording({
      id: manifest.id,
      folder,
      recordedAt: new Date(manifest.createdAt),
      probe,
      options: { title: manifest.options.title, replyTo: manifest.options.replyTo },
    });
  }
  // The clip row exists now; marking the folder finished can fail on a full disk, and that is fine: the folder is
  // removed next, and recovery is idempotent by id anyway.
  tryWriteManifest(dir, { ...manifest, state: 'finished', ffmpegPid: null, updatedAt: deps.clock().toISOString() }, (error) =>
    deps.logger.warn('could not mark the recording finished', { dir, error }),
  );
  await rm(dir, { recursive: true, force: true });
  return {
    id: manifest.id,
    status: 'ready',
    durationMs: probe.durationMs,
    videoPath: path.join(folder, 'video.mp4'),
    width: probe.width,
    height: probe.height,
    error: manifest.error,
  };
}

/** An ffmpeg whose parent was killed keeps recording; stop it gracefully (SIGTERM writes the last segment) first. */
async function stopOrphanFfmpeg(pid: number | null, dir: string, logger: Logger): Promise<void> {
  if (!ownerAlive(pid, null) || !pid) return;
  // Only a process whose command line names this folder is ours: pids are reused.
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes(dir)) return;
  logger.warn('stopping an orphaned recording ffmpeg', { pid, dir });
  process.kill(pid, 'SIGTERM');
  // A zombie counts as gone: it has written its last segment, only its exit status is still unread.
  for (let i = 0; i < 50 && ownerAlive(pid, null); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (ownerAlive(pid, null)) process.kill(pid, 'SIGKILL');
}

async function withLock<T>(dir: string, run: () => Promise<T>): Promise<T | null> {
  const lock = path.join(dir, 'recover.lock');
  const taken = await open(lock, 'wx').catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
    const [holder, start] = (await readFile(lock, 'utf8').catch(() => '0')).split(' ');
    if (ownerAlive(Number(holder), start ?? null)) return null;
    await rm(lock, { force: true });
    return open(lock, 'wx');
  });
  if (!taken) return null;
  await taken.writeFile(`${process.pid} ${processStartToken(process.pid) ?? ''}`.trim());
  await taken.close();
  try {
    return await run();
  } finally {
    await rm(lock, { force: true });
  }
}

/**
 * Every recording folder without a finished manifest becomes a clip. Folders owned by a live process (another app
 * window, a `handoff record` in a terminal) are left alone, as is `skipId` (this process's own recording).
 */
export async function recoverAll(deps: ClipDeps, options: { skipId?: string | null; signal?: AbortSignal } = {}): Promise<RecordingResult[]> {
  const names = await readdir(deps.recordingsDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const recovered: RecordingResult[] = [];
  for (const name of names.sort()) {
    if (options.signal?.aborted) break;
    if (name === options.skipId) continue;
    const dir = path.join(deps.recordingsDir, name);
    const manifest = await readManifest(dir).catch((error: unknown) => {
      deps.logger.warn('recording folder without a readable manifest left alone', { dir, error });
      return null;
    });
    if (!manifest || manifest.id !== name) continue;
    if (manifest.ownerPid !== process.pid && ownerAlive(manifest.ownerPid, manifest.ownerStart)) continue;
    const result = await withLock(dir, async () => {
      if (manifest.state === 'cancelled') {
        await rm(dir, { recursive: true, force: true });
        return null;
      }
      await stopOrphanFfmpeg(manifest.ffmpegPid, dir, deps.logger);
      const fresh = await readManifest(dir);
      try {
        return await recordingToClip(deps, dir, { ...fresh, error: fresh.error ?? 'Recovered after the recorder stopped unexpectedly.' }, { signal: options.signal });
      } catch (error) {
        if (error instanceof HandoffError && error.code === 'not-found') {
          deps.logger.warn('crashed recording had no complete segment; removed', { dir });
          await rm(dir, { recursive: true, force: true });
          return null;
        }
        throw error;
      }
    });
    if (result) recovered.push(result);
  }
  return recovered;
}
