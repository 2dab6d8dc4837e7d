// The recorder service: one recording at a time, as a sequence of ffmpeg parts written as fMP4 HLS segments plus an
// atomic manifest. Pause ends a part, resume starts the next; every part is joined while it records (live-join.ts),
// and stop finalizes.
// The fall-behind policy is in real-time-policy.ts.
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { RecordOptions, RecorderStatus, RecordingResult } from '../../../shared/contract/recorder';
import { HandoffError, messageOf } from '../../../shared/result';
import { newClipId } from '../library/clips-store';
import { probeFfmpeg, type FfmpegCapabilities } from '../system/ffmpeg-probe';
import { ensureBubbleMask } from './bubble-mask';
import { belowFloor, DISK_FULL, MIN_FREE_BYTES, requireSpaceToRecord } from './disk-space';
import { SPEECH_AUDIO_FILE, bubbleDiameter, outputSize, partCommand, type EncodeSettings } from './command';
import { listCaptureDevices, pickVideoEncoder, probeAudioInput, probeInputSize } from './devices';
import { createSpeedMeter, explainFailure, type ProgressBlock } from './ffmpeg-output';
import { captureInputs } from './inputs';
import { startLiveJoin } from './live-join';
import { startFollowers } from './follower';
import { cheaperSettings, createSilenceWatch, MAX_ADAPTATIONS, SLOW_FACTOR, SLOW_REPORTS, WARMUP_MS } from './real-time-policy';
import { partDirName, tryWriteManifest, writeManifest, type Manifest } from './manifest';
import { startPart, type PartExit } from './part-process';
import { recordingToClip, recoverAll, type ClipDeps } from './recovery';
import { processStartToken } from './owner';
import type { ActiveRecording, RecorderDeps } from './recorder-types';

const SILENCE_DB = -55;

export type { RecorderDeps };
type Active = ActiveRecording;

export function createRecorder(deps: RecorderDeps) {
  let state: RecorderStatus['state'] = 'idle';
  let active: Active | null = null;
  let lastError: string | null = null;
  let capabilities: FfmpegCapabilities | null = null;
  let encoderChoice: Promise<EncodeSettings['encoder']> | null = null;
  let recovering: Promise<RecordingResult[]> | null = null;
  /** The followers' end of each recording this process made, by id (kept small: only the last few). */
  const followedById = new Map<string, Promise<void>>();
  const remember = (rec: Active) => {
    if (!rec.followed) return;
    followedById.set(rec.id, rec.followed);
    while (followedById.size > 8) followedById.delete(followedById.keys().next().value!);
  };
  const recordingsDir = deps.recordingsDir;

  const status = (): RecorderStatus => ({
    state,
    id: active?.id ?? null,
    elapsedMs: active ? active.doneMs + active.partElapsedMs : 0,
    part: active ? Math.max(0, active.manifest.parts.length - 1) : 0,
    micLevelDb: active?.micLevelDb !== null && active?.micLevelDb !== undefined && Number.isFinite(active.micLevelDb) ? active.micLevelDb : null,
    error: lastError,
  });
  const setState = (next: RecorderStatus['state']) => {
    state = next;
    deps.emit('recorder:state', status());
  };
  const saveManifest = (rec: Active, patch: Partial<Manifest>) => {
    rec.manifest = { ...rec.manifest, ...patch, updatedAt: deps.clock().toISOString() };
    // A full disk must not stop the recorder from finishing what it can; the older manifest is still valid.
    tryWriteManifest(rec.dir, rec.manifest, (error) => deps.logger.error('could not update the recording manifest', { id: rec.id, error }));
  };
  const clipDeps = (ffmpegPath: string): ClipDeps => ({ ...deps, ffmpegPath });

  async function ffmpegPath(): Promise<string> {
    const found = await deps.locateFfmpeg();
    if (!found) throw new HandoffError('unavailable', 'ffmpeg was not found: install it (e.g. `apt-get install ffmpeg`) or set HANDOFF_FFMPEG.');
    return found;
  }

  /** ffmpeg plus what it can do (devices, encoders): only recording and device listing need the latter. */
  async function ffmpeg(): Promise<string> {
    const found = await ffmpegPath();
    capabilities ??= await probeFfmpeg(found);
    encoderChoice ??= pickVideoEncoder(found, capabilities.encoders, deps.platform);
    return found;
  }

  function onProgress(rec: Active, block: ProgressBlock) {
    if (active !== rec || block.outTimeMs === null) return;
    rec.partElapsedMs = block.outTimeMs;
    rec.liveJoin?.poke();
    rec.followers.tell((follower) => follower.poke());
    const elapsedMs = rec.doneMs + rec.partElapsedMs;
    deps.emit('recorder:progress', {
      id: rec.id, elapsedMs, micLevelDb: status().micLevelDb, speed: block.speed,
      dupFrames: block.dupFrames, dropFrames: block.dropFrames, frames: block.frame ?? 0,
    });
    if (rec.options.mic !== null) checkSilence(rec, elapsedMs);
    if (elapsedMs - rec.lastSpaceCheckMs >= 2000) {
      rec.lastSpaceCheckMs = elapsedMs;
      void belowFloor(rec.dir, deps.minFreeBytes ?? MIN_FREE_BYTES).then((free) => (free === null ? undefined : stopForDisk(rec)));
    }
    const speed = rec.speedMeter(performance.now(), block.outTimeMs);
    if (speed !== null && !block.end && rec.partElapsedMs > WARMUP_MS && state === 'recording') {
      rec.slowReports = speed < SLOW_FACTOR ? rec.slowReports + 1 : 0;
      if (rec.slowReports >= SLOW_REPORTS && rec.adaptations < MAX_ADAPTATIONS) void adapt(rec, speed);
    }
  }

  function checkSilence(rec: Active, elapsedMs: number) {
    const seconds = rec.silenceWatch(rec.micLevelDb, elapsedMs);
    if (seconds !== null) {
      deps.emit('recorder:warning', { id: rec.id, kind: 'mic-silent', message: `The microphone has been silent for ${seconds} s: is it muted or the wrong device?` });
    }
  }

  async function adapt(rec: Active, speed: number) {
    rec.slowReports = 0;
    rec.adaptations += 1;
    ({ encode: rec.encode, options: rec.options } = cheaperSettings(rec.encode, rec.options));
    deps.emit('recorder:warning', {
      id: rec.id,
      kind: 'falling-behind',
      message: `Encoding ran at ${speed.toFixed(2)}× real time; continuing with ${rec.encode.preset} at ${rec.encode.fps} fps, ≤${rec.options.maxHeight}p.`,
    });
    await endPart(rec);
    if (active === rec && state === 'recording') await beginPart(rec);
  }

  async function beginPart(rec: Active): Promise<void> {
    const index = rec.manifest.parts.length;
    const dirName = partDirName(index);
    const partDir = path.join(rec.dir, dirName);
    await mkdir(partDir, { recursive: true });
    if (index === 0) rec.liveJoin = startLiveJoin({ outPath: path.join(rec.dir, 'live.partial.mp4'), fps: rec.encode.fps, logger: deps.logger });
    rec.liveJoin?.addPart(partDir);
    rec.followers.tell((follower) => follower.partStarted(partDir));
    const inputs = captureInputs(rec.options, { platform: deps.platform, inputDevices: capabilities?.inputDevices ?? [], env: deps.env });
    const limitMs = rec.options.maxSeconds === null ? null : Math.max(100, rec.options.maxSeconds * 1000 - rec.doneMs);
    const speechAudioPath = rec.followers.wantsSpeechAudio ? path.join(partDir, SPEECH_AUDIO_FILE) : null;
    const command = partCommand({ options: rec.options, inputs, sourceSize: rec.sourceSize, maskPath: rec.maskPath, encode: rec.encode, partDir, limitMs, speechAudioPath });
    rec.partElapsedMs = 0;
    rec.slowReports = 0;
    rec.speedMeter = createSpeedMeter(3000);
    let firstProgress: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (firstProgress = resolve));
    const part = startPart({
      ffmpegPath: rec.ffmpegPath,
      args: command.args,
      env: deps.env,
      onProgress: (block) => {
        if (block.outTimeMs !== null && block.outTimeMs > 0) firstProgress();
        onProgress(rec, block);
      },
      onMeter: (db) => (rec.micLevelDb = db),
      onLogLine: (line) => {
        if (/No space left on device/i.test(line)) void stopForDisk(rec);
      },
      onSpawnError: (error) => deps.logger.error('ffmpeg could not be started', { error }),
    });
    rec.part = part;
    saveManifest(rec, {
      ffmpegPid: part.pid,
      output: outputSize(rec.sourceSize, rec.options.maxHeight),
      parts: [
        ...rec.manifest.parts,
        { index, dir: dirName, startedAt: deps.clock().toISOString(), endedAt: null, durationMs: null, encoder: rec.encode.encoder, preset: rec.encode.preset, fps: rec.encode.fps },
      ],
    });
    void part.exited.then((exit) => {
      if (exit.requested || active !== rec || rec.part !== part) return;
      // A clean exit of a part with a time limit is the limit being reached: a normal stop.
      if (exit.code === 0 && limitMs !== null) void endPart(rec).then(() => finish(rec)).catch((error: unknown) => deps.logger.error('finishing at the time limit failed', { error }));
      else void onCrash(rec, exit);
    });
    const exitedEarly = await Promise.race([started.then(() => null), part.exited]);
    if (exitedEarly) throw new HandoffError('unavailable', explainFailure(exitedEarly.stderrTail, 'capture') ?? `ffmpeg stopped at once (exit ${exitedEarly.code}): ${exitedEarly.stderrTail.slice(-600)}`);
  }

  async function endPart(rec: Active): Promise<PartExit | null> {
    const part = rec.part;
    if (!part) return null;
    rec.part = null;
    const exit = await part.stop();
    rec.followers.tell((follower) => follower.partEnded());
    rec.doneMs += rec.partElapsedMs;
    const parts = rec.manifest.parts.map((p, i) =>
      i === rec.manifest.parts.length - 1 ? { ...p, endedAt: deps.clock().toISOString(), durationMs: rec.partElapsedMs } : p,
    );
    rec.partElapsedMs = 0;
    saveManifest(rec, { parts, ffmpegPid: null });
    return exit;
  }

  /** Ends the recording the normal way (q, finalize) with the disk-full reason, before segments come out empty. */
  async function stopForDisk(rec: Active) {
    if (rec.stoppingForDisk || active !== rec || (state !== 'recording' && state !== 'paused')) return;
    rec.stoppingForDisk = true;
    lastError = DISK_FULL;
    deps.emit('recorder:warning', { id: rec.id, kind: 'disk-full', message: `${DISK_FULL} What was recorded until then is kept.` });
    rec.manifest = { ...rec.manifest, error: DISK_FULL };
    setState('stopping');
    await endPart(rec);
    await finish(rec).catch((error: unknown) => deps.logger.error('could not make a clip after the disk filled', { id: rec.id, error }));
  }

  /** ffmpeg died on its own (killed, device gone, disk full): keep what was written, tell why, make the clip. */
  async function onCrash(rec: Active, exit: PartExit) {
    const why = explainFailure(exit.stderrTail, 'capture') ?? `ffmpeg stopped unexpectedly (${exit.signal ?? `exit ${exit.code}`}).`;
    deps.logger.error('recording ffmpeg died', { id: rec.id, code: exit.code, signal: exit.signal, stderr: exit.stderrTail.slice(-800) });
    lastError = why;
    deps.emit('recorder:warning', { id: rec.id, kind: 'ffmpeg-died', message: `${why} What was recorded until then is kept.` });
    rec.part = null;
    rec.followers.tell((follower) => follower.partEnded());
    rec.doneMs += rec.partElapsedMs;
    rec.partElapsedMs = 0;
    saveManifest(rec, { ffmpegPid: null, error: why });
    await finish(rec).catch((error: unknown) => deps.logger.error('could not make a clip after ffmpeg died', { id: rec.id, error }));
  }

  async function finish(rec: Active): Promise<RecordingResult> {
    setState('finalizing');
    saveManifest(rec, { state: 'stopping' });
    try {
      const result = await recordingToClip(clipDeps(rec.ffmpegPath), rec.dir, rec.manifest, { liveJoin: rec.liveJoin });
      active = null;
      setState('idle');
      // The clip is ready now; what the followers still do (the last transcription window, the upload's tail) goes on
      // behind it, and whenFollowed() says when it is done.
      rec.followed = rec.followers.settle((follower) => follower.completed(result));
      remember(rec);
      rec.resolveEnded(result);
      return result;
    } catch (error) {
      const reason = rec.manifest.error ?? messageOf(error);
      // The segments stay where they are: recovery (next start, or `handoff recover`) makes the clip once it can.
      const kept = new HandoffError(
        error instanceof HandoffError ? error.code : 'internal',
        `${reason} The recording is kept in ${rec.dir}; run \`handoff recover\` once the problem is fixed (e.g. disk space freed).`,
        { cause: error },
      );
      lastError = kept.message;
      rec.followed = rec.followers.settle((follower) => follower.abandoned());
      remember(rec);
      active = null;
      setState('failed');
      state = 'idle';
      rec.rejectEnded(kept);
      throw kept;
    }
  }

  return {
    status,

    async start(options: RecordOptions): Promise<{ id: string }> {
      if (state !== 'idle') throw new HandoffError('conflict', `The recorder is busy (${state}).`);
      state = 'starting';
      lastError = null;
      try {
        const ffmpegPath = await ffmpeg();
        // A choice no device can meet (a camera-only recording without a camera) is refused here, as invalid input.
        const inputs = captureInputs(options, { platform: deps.platform, inputDevices: capabilities?.inputDevices ?? [], env: deps.env });
        const main = inputs.screen ?? inputs.camera;
        if (!main) throw new HandoffError('invalid-input', 'Nothing to record: no screen and no camera.');
        // Probe before anything is written: a bad display or missing device must leave no recording behind.
        const [sourceSize] = await Promise.all([
          probeInputSize(ffmpegPath, main.args, inputs.screen ? 'screen' : 'camera', deps.env),
          inputs.screen && inputs.camera?.live ? probeInputSize(ffmpegPath, inputs.camera.args, 'camera', deps.env) : null,
          inputs.mic?.live ? probeAudioInput(ffmpegPath, inputs.mic.args, deps.env) : null,
        ]);
        const output = outputSize(sourceSize, options.maxHeight);
        const maskPath = inputs.screen && inputs.camera ? await ensureBubbleMask(ffmpegPath, deps.cacheDir, bubbleDiameter(output, options.bubbleSize)) : null;
        const encoder = (await encoderChoice) ?? 'libx264';
        await mkdir(recordingsDir, { recursive: true });
        await requireSpaceToRecord(recordingsDir, deps.minFreeBytes ?? MIN_FREE_BYTES);
        const id = newClipId();
        const dir = path.join(recordingsDir, id);
        await mkdir(dir, { recursive: true });
        const now = deps.clock().toISOString();
        let resolveEnded: Active['resolveEnded'] = () => undefined;
        let rejectEnded: Active['rejectEnded'] = () => undefined;
        const ended = new Promise<RecordingResult>((resolve, reject) => ((resolveEnded = resolve), (rejectEnded = reject)));
        ended.catch(() => undefined);
        const rec: Active = {
          id, dir, ffmpegPath, options, sourceSize, maskPath,
          manifest: { version: 1, id, state: 'recording', options, createdAt: now, updatedAt: now, ownerPid: process.pid, ownerStart: processStartToken(process.pid), ffmpegPid: null, output, parts: [], error: null },
          encode: { encoder, preset: deps.initialPreset ?? 'superfast', fps: options.fps },
          part: null, liveJoin: null, partElapsedMs: 0, doneMs: 0, micLevelDb: null, silenceWatch: createSilenceWatch(SILENCE_DB, deps.silenceWarnMs ?? 4000), slowReports: 0, adaptations: 0, lastSpaceCheckMs: 0, stoppingForDisk: false, followed: null, followers: startFollowers([], { id, dir, options, liveJoin: () => null }, deps.logger), speedMeter: createSpeedMeter(3000),
          ended, resolveEnded, rejectEnded,
        };
        writeManifest(dir, rec.manifest);
        active = rec;
        rec.followers = startFollowers(deps.followers?.() ?? [], { id, dir, options, liveJoin: () => rec.liveJoin }, deps.logger);
        try {
          await beginPart(rec);
        } catch (error) {
          await rec.part?.stop();
          await rec.followers.settle((follower) => follower.abandoned());
          active = null;
          await rm(dir, { recursive: true, force: true });
          throw error;
        }
        setState('recording');
        return { id };
      } catch (error) {
        state = 'idle';
        lastError = messageOf(error);
        throw error;
      }
    },

    async pause(): Promise<RecorderStatus> {
      const rec = active;
      if (!rec || state !== 'recording') throw new HandoffError('conflict', `Cannot pause while ${state}.`);
      await endPart(rec);
      saveManifest(rec, { state: 'paused' });
      setState('paused');
      return status();
    },

    async resume(): Promise<RecorderStatus> {
      const rec = active;
      if (!rec || state !== 'paused') throw new HandoffError('conflict', `Cannot resume while ${state}.`);
      saveManifest(rec, { state: 'recording' });
      await beginPart(rec);
      setState('recording');
      return status();
    },

    async stop(): Promise<RecordingResult> {
      const rec = active;
      if (!rec) throw new HandoffError('conflict', 'Nothing is being recorded.');
      if (state === 'finalizing' || state === 'stopping') return rec.ended;
      setState('stopping');
      await endPart(rec);
      return finish(rec);
    },

    async cancel(): Promise<RecorderStatus> {
      const rec = active;
      if (!rec) throw new HandoffError('conflict', 'Nothing is being recorded.');
      await endPart(rec);
      await rec.liveJoin?.abandon();
      await rec.followers.settle((follower) => follower.abandoned());
      saveManifest(rec, { state: 'cancelled' });
      await rm(rec.dir, { recursive: true, force: true });
      active = null;
      rec.resolveEnded({ id: rec.id, status: 'cancelled', durationMs: null, videoPath: null, width: null, height: null, error: null });
      setState('idle');
      return status();
    },

    /**
     * Resolves when the followers of the recording `id` are done (its live transcript saved, its upload finished),
     * or at once when nothing follows it. Call after stop.
     */
    whenFollowed(id: string): Promise<void> {
      return followedById.get(id) ?? Promise.resolve();
    },

    /** Resolves when the current recording becomes a clip, by stop or because ffmpeg died. */
    whenEnded(): Promise<RecordingResult> {
      if (!active) throw new HandoffError('conflict', 'Nothing is being recorded.');
      return active.ended;
    },

    /**
     * Recovers every crashed recording. Concurrent callers (startup and `handoff recover`) share one run, so each sees
     * the full list. ffmpeg is only looked up when there is something to recover.
     */
    recover(signal?: AbortSignal): Promise<RecordingResult[]> {
      recovering ??= (async () => {
        try {
          const names = await readdir(recordingsDir).catch(() => [] as string[]);
          if (names.length === 0) return [];
          return await recoverAll(clipDeps(await ffmpegPath()), { skipId: active?.id ?? null, signal });
        } finally {
          recovering = null;
        }
      })();
      return recovering;
    },

    async devices() {
      const ffmpegPath = await ffmpeg();
      return listCaptureDevices(ffmpegPath, deps.platform, deps.env, capabilities?.inputDevices ?? []);
    },

    /** Ends a recording in progress the safe way (the app is quitting): what was recorded becomes a clip. */
    async dispose(): Promise<void> {
      if (active && (state === 'recording' || state === 'paused')) await this.stop().catch((error: unknown) => deps.logger.error('stop on dispose failed', { error }));
    },
  };
}
export type Recorder = ReturnType<typeof createRecorder>;
