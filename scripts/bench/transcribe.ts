// `npm run bench:transcribe`: real-time factor of the whole pipeline (ffmpeg extract + whisper-cli + parse + store +
// captions, through the real job queue) against bare whisper-cli on the same WAV, in the same run, with tiny and base
// shapes (generated random-weight f16 models: real compute, meaningless text) and 2 threads.
// RTF = processing time / audio duration (lower is faster). Overhead ratio = pipeline time / bare time (target ≤ 1.10).
// Two lengths: 20 s shows the fixed cost (ffmpeg's start, the queue, the store), which weighs most beside the tiny
// model; 120 s is a typical async update.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeCore } from '../../electron/core/compose';
import { createLogger } from '../../electron/core/logger';
import { extractAudio } from '../../electron/core/transcribe/audio';
import { whisperArgs } from '../../electron/core/transcribe/whisper-cli';
import { SHAPES, writeGgmlModel } from '../../tests/support/ggml-model';
import { addClipWithAudio, noiseWav } from '../../tests/support/transcription-media';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const whisperCli = process.env.HANDOFF_WHISPER_CLI ?? path.join(repo, 'resources', 'bin', 'whisper-cli');
const AUDIO_LENGTHS_S = [20, 120];
const THREADS = 2;
const REPS = 3;
// Random weights never converge: beam search + fallback would take minutes; greedy keeps the bench under 3 minutes.
const QUALITY = 'fast' as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  if (!existsSync(whisperCli)) {
    console.error(`whisper-cli not found at ${whisperCli}: run \`npm run build:whisper\` first.`);
    process.exit(1);
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-transcribe-'));
  try {
    const core = composeCore({
      dataDir: path.join(root, 'data'),
      resourcesDir: path.join(repo, 'resources'),
      version: 'bench',
      env: { ...process.env, HANDOFF_WHISPER_CLI: whisperCli },
      platform: process.platform,
      logger: createLogger('bench', { level: 'warn' }),
      clock: () => new Date(),
    });
    await core.dispatch('settings:set', { values: { 'transcription.threads': THREADS, 'transcription.language': 'en', 'transcription.quality': QUALITY } });
    mkdirSync(core.paths.modelsDir, { recursive: true });
    const audios = [];
    for (const seconds of AUDIO_LENGTHS_S) {
      const clipId = addClipWithAudio(core.db, core.paths.clipsDir, noiseWav(root, seconds), seconds * 1000);
      // The bare run gets exactly the WAV the pipeline produces from the clip, so both decode the same audio.
      const extracted = await extractAudio('ffmpeg', path.join(core.paths.clipsDir, clipId, 'video.mp4'), { tmpParent: root });
      audios.push({ clipId, extracted, seconds: extracted.durationMs / 1000 });
    }
    core.transcription.start();
    console.log(`${THREADS} threads, quality ${QUALITY}, ${REPS} runs each (median), whisper-cli ${whisperCli}`);
    for (const [shape, dims] of Object.entries(SHAPES)) {
      const modelName = `${shape}-random`;
      const modelPath = path.join(core.paths.modelsDir, `ggml-${modelName}.bin`);
      writeGgmlModel(modelPath, dims, 11);
      for (const { clipId, extracted, seconds: audioS } of audios) {
        const bare: number[] = [];
        const pipeline: number[] = [];
        for (let rep = 0; rep < REPS; rep++) {
          const started = performance.now();
          const args = whisperArgs({ modelPath, wavPath: extracted.wavPath, outputPrefix: path.join(root, 'bare'), language: 'en', threads: THREADS, quality: QUALITY });
          const result = spawnSync(whisperCli, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
          if (result.status !== 0) throw new Error(`bare whisper-cli failed: ${result.stderr?.toString().slice(-500)}`);
          bare.push((performance.now() - started) / 1000);

          const t0 = performance.now();
          const job = await core.transcription.queue.enqueue(clipId, { model: modelName });
          if (!job) throw new Error('the job was not queued');
          const final = await core.transcription.queue.waitFor(job.id);
          if (final.state !== 'done') throw new Error(`pipeline job ${final.state}: ${final.error}`);
          pipeline.push((performance.now() - t0) / 1000);
        }
        const bareS = median(bare);
        const pipeS = median(pipeline);
        console.log(
          `${shape.padEnd(5)} audio ${audioS.toFixed(0).padStart(3)} s  bare whisper-cli ${bareS.toFixed(2)} s (RTF ${(bareS / audioS).toFixed(3)})  ` +
            `pipeline ${pipeS.toFixed(2)} s (RTF ${(pipeS / audioS).toFixed(3)})  overhead ${(pipeS - bareS).toFixed(2)} s, ratio ${(pipeS / bareS).toFixed(3)}`,
        );
      }
    }
    for (const { extracted } of audios) await extracted.dispose();
    await core.transcription.stop();
    core.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
