// npm run bench:live — the live pipeline against the after-stop pipeline, in the same run, for recordings of 10 s,
// 60 s and 600 s (`-- --lengths 10,60`): flite speech is played into a private PulseAudio mic (tests/support/pulse.ts)
// while the recorder records it with a synthetic camera. For each length and pipeline:
//   stop → transcript searchable (pocketsphinx-reference for the words: a spoken word is found by search);
//   with `-- --whisper`: the same with the random-weight tiny model (whisper-server live, whisper-cli after stop):
//   real speed, garbage text, so the clip's transcript state 'done' is the mark;
//   stop → manifest published on S3 (s3rver behind a front limited to 20 Mbit/s) and a teammate's sync has the update
//   and PLAYS it: the first 64 KiB and a range in the last chunk through the teammate's media route (the player's
//   path, core.media.serve), checked as 206s with the sender's bytes; and the bytes still to upload at stop, both as
//   the publisher counts them (from the clip being ready) and as the front counts them (every request body sent from
//   the stop call until the manifest: video, thumbnail, transcript, manifest, feed).
// On S3 a video published while recording is parts objects (each chunk its own PutObject, video-parts.ts): no
// multipart upload, so S3's 5 MiB minimum part size plays no part, and the default chunk (1 MiB) is what real S3 gets.
// Prints each figure, and live / after-stop ratios.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { composeCore } from '../../electron/core/compose';
import { elapsedAtLeast } from '../../tests/support/recorder-events';
import { createLogger } from '../../electron/core/logger';
import { SHAPES, writeGgmlModel } from '../../tests/support/ggml-model';
import { startPulse, type PulseHandle } from '../../tests/support/pulse';
import { startTestS3 } from '../../tests/support/s3';
import { startS3Front } from '../../tests/support/s3-front';
import { speakInLoop, speechWav } from './lib/speech';

const { values: cli } = parseArgs({ options: { lengths: { type: 'string', default: '10,60,600' }, whisper: { type: 'boolean', default: false }, mbit: { type: 'string', default: '20' }, 'chunk-kib': { type: 'string' }, pipelines: { type: 'string', default: 'after,live' } } });
const PIPELINES = new Set(cli.pipelines.split(','));
// The chunk size (64 KiB … 64 MiB; default the app's 1 MiB). Every size is valid on real S3: each chunk is one object.
const chunkBytes = cli['chunk-kib'] ? Number(cli['chunk-kib']) * 1024 : undefined;
const LENGTHS = cli.lengths.split(',').map(Number);
const repo = path.resolve(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-live-'));
const bucket = 'bench-live';
const s3Env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };

const pulse: PulseHandle = await startPulse();
const s3 = await startTestS3(bucket);
const front = await startS3Front({ target: s3.endpoint, directory: s3.directory, bucket, bitsPerSecond: Number(cli.mbit) * 1e6 });
const wav = speechWav(tmp);
const model = path.join(tmp, 'ggml-tiny-random.bin');
if (cli.whisper) writeGgmlModel(model, SHAPES.tiny);

async function objectExists(key: string): Promise<boolean> {
  return s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(() => true, () => false);
}

/** The teammate's player: bytes 0–64 KiB and 64 KiB inside the last MiB, each a 206 equal to the sender's file. */
async function playsLikeTheSender(mate: ReturnType<typeof composeCore>, id: string, senderFile: string, name: string): Promise<void> {
  if (mate.db.prepare("SELECT state FROM clips WHERE id = ?").pluck().get(id) !== 'ready') throw new Error(`${name}: the teammate's copy is not ready`);
  const local = readFileSync(senderFile);
  const tailStart = Math.max(0, local.length - 1024 * 1024 + 4096);
  for (const [start, end] of [[0, 64 * 1024 - 1], [tailStart, Math.min(local.length - 1, tailStart + 64 * 1024 - 1)]]) {
    const response = await mate.media.serve(id, 'video.mp4', `bytes=${start}-${end}`);
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 206 || !body.equals(local.subarray(start, end + 1))) throw new Error(`${name}: bytes ${start}-${end} did not play (${response.status})`);
    if (start === 0 && body.toString('latin1', 4, 8) !== 'ftyp') throw new Error(`${name}: the video does not start with ftyp`);
  }
}

interface Run {
  stopToReadyMs: number;
  stopToSearchableMs: number;
  stopToManifestMs: number;
  stopToTeammateMs: number;
  bytesAtStop: number;
  /** Request bodies the front saw from the stop call until the manifest was there. */
  sentAfterStop: number;
  bytesTotal: number;
  mode: string;
}

async function run(length: number, live: boolean, engine: 'pocketsphinx-reference' | 'whisper'): Promise<Run> {
  const name = `${engine}-${length}-${live ? 'live' : 'after'}`;
  const dataDir = path.join(tmp, name);
  mkdirSync(dataDir, { recursive: true });
  const logger = createLogger(name, { level: 'warn', sink: (line) => process.stderr.write(line + '\n') });
  const core = composeCore({ dataDir, resourcesDir: path.join(repo, 'resources'), version: 'bench', env: { ...pulse.env, ...s3Env }, platform: process.platform, logger, clock: () => new Date(),
    livePublishTuning: chunkBytes ? { chunkBytes } : undefined });
  const used = await core.dispatch('workspace:useS3', { endpoint: front.endpoint, bucket, prefix: name, pathStyle: true });
  if (!used.ok) throw new Error(used.error.message);
  await core.dispatch('settings:set', {
    values: { 'transcription.engine': engine, 'transcription.language': 'en', 'transcription.live': live, 'workspace.publishWhileRecording': live, 'workspace.autoPublish': true },
  });
  if (engine === 'whisper') await core.transcription.models.importFile(model, 'tiny-random');
  core.transcription.start();
  const stopSpeaking = speakInLoop(pulse.env, wav);
  const { id } = await core.recorder.start({
    display: null, region: null, camera: 'synthetic', mic: 'vmic', cameraOnly: true, bubbleCorner: 'bottom-right', bubbleSize: 0.25,
    fps: 30, maxHeight: 720, quality: 'standard', synthetic: null, title: name, replyTo: null, maxSeconds: null, publishOnStop: false,
  });
  await elapsedAtLeast(core, length * 1000);
  const t0 = performance.now();
  const sentBeforeStop = front.bytesUp();
  let sentAfterStop = NaN;
  const result = await core.recorder.stop();
  const stopToReadyMs = performance.now() - t0;
  stopSpeaking();
  const manifestKey = `${name}/updates/${id}/manifest.json`;
  let stopToSearchableMs = NaN;
  let stopToTeammateMs = NaN;
  const mate = composeCore({ dataDir: path.join(tmp, `${name}-mate`), resourcesDir: path.join(repo, 'resources'), version: 'bench', env: { ...process.env, ...s3Env }, platform: process.platform, logger, clock: () => new Date() });
  let stopToManifestMs = NaN;
  await Promise.all([
    (async () => {
      for (;;) {
        const state = core.transcription.getTranscript(id)?.state;
        const found = engine === 'whisper' ? state === 'done' : state === 'done' && (await core.dispatch('search:query', { query: 'budget' })).ok;
        if (found) break;
        if (state === 'failed') throw new Error(`${name}: transcription failed`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      stopToSearchableMs = performance.now() - t0;
    })(),
    (async () => {
      while (!(await objectExists(manifestKey))) await new Promise((resolve) => setTimeout(resolve, 20));
      stopToManifestMs = performance.now() - t0;
      sentAfterStop = front.bytesUp() - sentBeforeStop;
      // A teammate's app syncs the workspace, and its player asks for the start of the video and for a range near the
      // end, through the media route the player uses: both must come back as the sender's bytes.
      await mate.dispatch('workspace:useS3', { endpoint: front.endpoint, bucket, prefix: name, pathStyle: true });
      await mate.workspace.sync();
      await playsLikeTheSender(mate, id, result.videoPath!, name);
      stopToTeammateMs = performance.now() - t0;
    })(),
  ]);
  const outcome = core.workspace.live.outcome(id);
  // The transcript is searchable once saved; the live pass records how it ended just after (its captions file first),
  // so a short run read it too early and printed "after-stop" for a live pass.
  await core.transcription.live.whenDone(id);
  const bytesTotal = statSync(result.videoPath!).size;
  const run: Run = {
    stopToReadyMs, stopToSearchableMs, stopToManifestMs, stopToTeammateMs,
    bytesAtStop: live ? (outcome?.bytesAtStop ?? bytesTotal) : bytesTotal, sentAfterStop, bytesTotal,
    mode: `transcription ${describeLivePass(core.transcription.live.outcome(id))}, publish ${outcome?.mode ?? 'after-stop'}`,
  };
  await mate.media.whenIdle();
  await mate.settle();
  mate.close();
  await core.transcription.stop();
  await core.settle();
  core.close();
  return run;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(2)} MiB`;
const engines: ('pocketsphinx-reference' | 'whisper')[] = cli.whisper ? ['pocketsphinx-reference', 'whisper'] : ['pocketsphinx-reference'];
try {
  console.log(`bench:live — S3 layout: parts objects of ${(chunkBytes ?? 1024 * 1024) / 1024} KiB + head, one PutObject each (no multipart upload, so S3's 5 MiB minimum part does not apply; valid on real S3 as is)`);
  console.log(`bench:live — S3 through a ${cli.mbit} Mbit/s front; 720p30 synthetic camera + flite speech on a PulseAudio mic; ${os.cpus().length} cores`);
  for (const engine of engines) {
    for (const length of LENGTHS) {
      // `-- --pipelines live` measures one side only (a 600 s pair is 25+ minutes here); the other prints as n/a.
      const none: Run = { stopToReadyMs: NaN, stopToSearchableMs: NaN, stopToManifestMs: NaN, stopToTeammateMs: NaN, bytesAtStop: NaN, sentAfterStop: NaN, bytesTotal: NaN, mode: 'not run' };
      const after = PIPELINES.has('after') ? await run(length, false, engine) : none;
      const live = PIPELINES.has('live') ? await run(length, true, engine) : none;
      console.log(`\n${engine}, ${length} s (${mib(live.bytesTotal)} video)`);
      for (const [label, key] of [['stop → clip ready', 'stopToReadyMs'], ['stop → transcript searchable', 'stopToSearchableMs'], ['stop → manifest published', 'stopToManifestMs'], ['stop → teammate plays it', 'stopToTeammateMs']] as const) {
        console.log(`  ${label.padEnd(30)} live ${s(live[key]).padStart(9)}   after-stop ${s(after[key]).padStart(9)}   ratio ${(live[key] / after[key]).toFixed(2)}×`);
      }
      console.log(`  bytes left to upload at stop    live ${mib(live.bytesAtStop)}   after-stop ${mib(after.bytesAtStop)}   (video, from the clip being ready)`);
      console.log(`  bytes sent stop → manifest      live ${mib(live.sentAfterStop)}   after-stop ${mib(after.sentAfterStop)}   (every request body through the front)`);
      console.log(`  (${live.mode}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
    }
  }
} finally {
  await front.close();
  await s3.close();
  await pulse.stop();
  rmSync(tmp, { recursive: true, force: true });
}

/** How the live pass ended: its windows and real-time factor say why stop → searchable took what it took. */
function describeLivePass(outcome: { mode: string; windows: number; audioMs: number; processingMs: number } | null): string {
  if (!outcome) return 'after-stop';
  const rtf = outcome.audioMs > 0 ? (outcome.processingMs / outcome.audioMs).toFixed(2) : 'n/a';
  return `${outcome.mode} (${outcome.windows} windows, ${(outcome.audioMs / 1000).toFixed(1)} s of audio, RTF ${rtf})`;
}
