// whisper-server (built by `npm run build:whisper` with whisper-cli) as live transcription uses it: one process with a
// random-weight tiny model (real shapes, real speed, noise for text) answers several windows in a row without loading
// the model again, at lower priority than the caller, and its answers parse into segments inside each window.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/core/logger';
import { lowerPriority } from '../../electron/core/transcribe/live/part-audio';
import { startWhisperServer, type WhisperServer } from '../../electron/core/transcribe/whisper-server';
import { SHAPES, writeGgmlModel } from '../support/ggml-model';
import { hasCommand, noiseWav } from '../support/transcription-media';

const repo = path.resolve(__dirname, '..', '..');
const serverBinary = path.join(repo, 'resources', 'bin', 'whisper-server');
const skipReason = !existsSync(serverBinary) ? 'whisper-server is not built (npm run build:whisper)' : !hasCommand('ffmpeg') ? 'ffmpeg is not installed' : null;
if (skipReason) console.warn(`whisper-server test skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('whisper-server', () => {
  let tmp = '';
  let server: WhisperServer | null = null;
  const logger = createMemoryLogger('whisper-server-test');
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-wserver-'));
    mkdirSync(path.join(tmp, 'media'));
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('keeps the model loaded across windows and answers each with segments inside it', async () => {
    const model = path.join(tmp, 'ggml-tiny-random.bin');
    writeGgmlModel(model, SHAPES.tiny);
    server = await startWhisperServer({ binary: serverBinary, modelPath: model, modelName: 'tiny-random', threads: 2, logger, onSpawn: (pid) => lowerPriority(pid, logger) });
    expect(os.getPriority(server.pid!)).toBeGreaterThan(os.getPriority());
    const wav = noiseWav(path.join(tmp, 'media'), 4);
    let prompt: string | undefined;
    for (let i = 0; i < 3; i++) {
      const transcript = await server.transcribe(wav, { language: 'en', threads: 2, quality: 'fast', prompt });
      for (const segment of transcript.segments) {
        expect(segment.startMs).toBeGreaterThanOrEqual(0);
        expect(segment.endMs).toBeGreaterThanOrEqual(segment.startMs);
        expect(segment.endMs).toBeLessThanOrEqual(4000);
      }
      prompt = transcript.segments.map((segment) => segment.text).join(' ').slice(-200) || 'previous window';
    }
    // Still the same process: the model was loaded once.
    expect(() => process.kill(server!.pid!, 0)).not.toThrow();
    await server.stop();
    expect(() => process.kill(server!.pid!, 0)).toThrow();
  }, 120_000);

  it('says why when the model cannot be loaded', async () => {
    const garbage = path.join(tmp, 'garbage.bin');
    writeGgmlModel(garbage, SHAPES.tiny);
    rmSync(garbage);
    await expect(startWhisperServer({ binary: serverBinary, modelPath: garbage, modelName: 'missing', threads: 1, logger, readyTimeoutMs: 20_000 })).rejects.toThrow(/whisper-server exited at start/);
  }, 60_000);
});
