// npm run bench:live — the live pipeline against the after-stop pipeline, in the same run, for recordings of 10 s,
// 60 s and 600 s (`-- --lengths 10,60`): flite speech is played into a private PulseAudio mic (tests/support/pulse.ts)
// while the recorder records it with a synthetic camera. For each length and pipeline:
//   stop → transcript searchable (pocketsphinx-reference for the words: a spoken word is found by search);
//   with `-- --whisper`: the same with the random-weight tiny model (whisper-server live, whisper-cli after stop):
//   real speed, garbage text, so the clip's transcript state 'done' is the mark;
//   stop → manifest published on S3 (s3rver behind a front limited to 20 Mbit/s) and a teammate's sync has the update
//   with its video readable, and the bytes still to upload at stop.
// Prints each figure, and live / after-stop ratios.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
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

const { values: cli } = parseArgs({ options: { lengths: { type: 'string', default: '10,60,600' }, whisper: { type: 'boolean', default: false }, mbit: { type: 'string', default: '20' }, 'part-kib': { type: 'string' }, pipelines: { type: 'string', default: 'after,live' } } });
const PIPELINES = new Set(cli.pipelines.split(','));
// S3's rule (AWS, R2, B2, MinIO): every part but the last ≥ 5 MiB, so the head part carries 5 MiB of data and goes up
// at stop. `-- --part-kib 256` shows what a store without that rule (s3rver) would allow; the default is the real rule.
const partBytes = cli['part-kib'] ? Number(cli['part-kib']) * 1024 : undefined;
const LENGTHS = cli.lengths.split(',').map(Number);
const repo = path.resolve(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-live-'));
const bucket = 'bench-live';
const s3Env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };
const SPEECH = 'please review the budget report before friday. the release plan is ready for testing. call me when you are back in the office.';

const pulse: PulseHandle = await startPulse();
const s3 = await startTestS3(bucket);
const front = await startS3Front({ target: s3.endpoint, directory: s3.directory, bucket, bitsPerSecond: Number(cli.mbit) * 1e6 });
const wav = path.join(tmp, 'speech.wav');
if (spawnSync('flite', ['-voice', 'rms', '-t', SPEECH, '-o', wav]).status !== 0) throw new Error('flite failed');
const model = path.join(tmp, 'ggml-tiny-random.bin');
if (cli.whisper) writeGgmlModel(model, SHAPES.tiny);

/** Plays the speech into the mic, again and again with a second of silence, until stopped. */
function speakInLoop(): () => void {
  let stopped = false;
  let current: ReturnType<typeof spawn> | null = null;
  const loop = async () => {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        current = spawn('paplay', ['--device=vsink', wav], { env: pulse.env, stdio: 'ignore' });
        current.once('exit', () => resolve());
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  void loop();
  return () => {
    stopped = true;
    current?.kill();
  };
}

async function objectExists(key: string): Promise<boolean> {
  return s3.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(() => true, () => false);
}

interface Run {
  stopToReadyMs: number;
  stopToSearchableMs: number;
  stopToManifestMs: number;
  stopToTeammateMs: number;
  bytesAtStop: number;
  bytesTotal: number;
  mode: string;
}

async function run(length: number, live: boolean, engine: 'pocketsphinx-reference' | 'whisper'): Promise<Run> {
  const name = `${engine}-${length}-${live ? 'live' : 'after'}`;
  const dataDir = path.join(tmp, name);
  mkdirSync(dataDir, { recursive: true });
  const logger = createLogger(name, { level: 'warn', sink: (line) => process.stderr.write(line + '\n') });
  const core = composeCore({ dataDir, resourcesDir: path.join(repo, 'resources'), version: 'bench', env: { ...pulse.env, ...s3Env }, platform: process.platform, logger, clock: () => new Date(),
    livePublishTuning: partBytes ? { chunkBytes: partBytes, firstChunkBytes: partBytes } : undefined });
  const used = await core.dispatch('workspace:useS3', { endpoint: front.endpoint, bucket, prefix: name, pathStyle: true });
  if (!used.ok) throw new Error(used.error.message);
  await core.dispatch('settings:set', {
    values: { 'transcription.engine': engine, 'transcription.language': 'en', 'transcription.live': live, 'workspace.publishWhileRecording': live, 'workspace.autoPublish': true },
  });
  if (engine === 'whisper') await core.transcription.models.importFile(model, 'tiny-random');
  core.transcription.start();
  const stopSpeaking = speakInLoop();
  const { id } = await core.recorder.start({
    display: null, region: null, camera: 'synthetic', mic: 'vmic', cameraOnly: true, bubbleCorner: 'bottom-right', bubbleSize: 0.25,
    fps: 30, maxHeight: 720, quality: 'standard', synthetic: null, title: name, replyTo: null, maxSeconds: null, publishOnStop: false,
  });
  await elapsedAtLeast(core, length * 1000);
  const t0 = performance.now();
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
      // A teammate's app syncs the workspace: the update is in their library and its video can be read from the bucket.
      await mate.dispatch('workspace:useS3', { endpoint: front.endpoint, bucket, prefix: name, pathStyle: true });
      await mate.workspace.sync();
      const headOk = await objectExists(`${name}/updates/${id}/video.mp4`);
      stopToTeammateMs = performance.now() - t0;
      if (!headOk || !mate.db.prepare('SELECT 1 FROM clips WHERE id = ?').get(id)) throw new Error(`${name}: the teammate does not have the update`);
    })(),
  ]);
  const outcome = core.workspace.live.outcome(id);
  const bytesTotal = statSync(result.videoPath!).size;
  const run: Run = {
    stopToReadyMs, stopToSearchableMs, stopToManifestMs, stopToTeammateMs,
    bytesAtStop: live ? (outcome?.bytesAtStop ?? bytesTotal) : bytesTotal, bytesTotal,
    mode: `transcription ${core.transcription.live.outcome(id)?.mode ?? 'after-stop'}, publish ${outcome?.mode ?? 'after-stop'}`,
  };
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
  console.log(`bench:live — S3 parts ${partBytes ? `${partBytes / 1024} KiB (s3rver only)` : '≥ 5 MiB (the S3 rule)'};`);
  console.log(`bench:live — S3 through a ${cli.mbit} Mbit/s front; 720p30 synthetic camera + flite speech on a PulseAudio mic; ${os.cpus().length} cores`);
  for (const engine of engines) {
    for (const length of LENGTHS) {
      // `-- --pipelines live` measures one side only (a 600 s pair is 25+ minutes here); the other prints as n/a.
      const none: Run = { stopToReadyMs: NaN, stopToSearchableMs: NaN, stopToManifestMs: NaN, stopToTeammateMs: NaN, bytesAtStop: NaN, bytesTotal: NaN, mode: 'not run' };
      const after = PIPELINES.has('after') ? await run(length, false, engine) : none;
      const live = PIPELINES.has('live') ? await run(length, true, engine) : none;
      console.log(`\n${engine}, ${length} s (${mib(live.bytesTotal)} video)`);
      for (const [label, key] of [['stop → clip ready', 'stopToReadyMs'], ['stop → transcript searchable', 'stopToSearchableMs'], ['stop → manifest published', 'stopToManifestMs'], ['stop → teammate synced it', 'stopToTeammateMs']] as const) {
        console.log(`  ${label.padEnd(30)} live ${s(live[key]).padStart(9)}   after-stop ${s(after[key]).padStart(9)}   ratio ${(live[key] / after[key]).toFixed(2)}×`);
      }
      console.log(`  bytes left to upload at stop    live ${mib(live.bytesAtStop)}   after-stop ${mib(after.bytesAtStop)}`);
      console.log(`  (${live.mode}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);
    }
  }
} finally {
  await front.close();
  await s3.close();
  await pulse.stop();
  rmSync(tmp, { recursive: true, force: true });
}
