// Audio streamed from ffmpeg straight into whisper-cli's stdin: the duration is counted from the pipe, a file ffmpeg
// cannot decode is named as the cause (not the recognizer it starved), and a recognizer that dies early stops ffmpeg
// instead of leaving it blocked on a full pipe. Real ffmpeg, real whisper-cli, a generated random-weight tiny model.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/core/logger';
import { streamAudio } from '../../electron/core/transcribe/audio';
import { transcribeMedia } from '../../electron/core/transcribe/transcribe-media';
import { TranscribeError } from '../../electron/core/transcribe/types';
import { createWhisperCliTranscriber } from '../../electron/core/transcribe/whisper-cli';
import { SHAPES, writeGgmlModel } from '../support/ggml-model';
import { hasCommand, noiseWav, videoWithAudio } from '../support/transcription-media';

const repo = path.resolve(__dirname, '../..');
const whisperCli = path.join(repo, 'resources', 'bin', 'whisper-cli');
const haveFfmpeg = hasCommand('ffmpeg');
const haveWhisper = existsSync(whisperCli);
if (!haveFfmpeg) console.warn('[transcription-stream] skipped: ffmpeg is not installed');
else if (!haveWhisper) console.warn('[transcription-stream] whisper-cli tests skipped: run `npm run build:whisper`');

const root = mkdtempSync(path.join(os.tmpdir(), 'handoff-stream-it-'));
let clip = '';
const run = { language: 'en', threads: 2, quality: 'fast' as const };

async function drain(stream: NodeJS.ReadableStream): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

beforeAll(() => {
  if (!haveFfmpeg) return;
  clip = videoWithAudio(noiseWav(root, 3), path.join(root, 'clip.mp4'));
  if (haveWhisper) writeGgmlModel(path.join(root, 'ggml-tiny-random.bin'), SHAPES.tiny, 5);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(!haveFfmpeg)('streamAudio', () => {
  it('streams a 44-byte-header WAV and counts the duration from the pipe', async () => {
    const audio = streamAudio('ffmpeg', clip);
    const [bytes, { durationMs }] = await Promise.all([drain(audio.stream), audio.finished]);
    expect(Math.abs(durationMs - 3000)).toBeLessThan(60);
    expect(bytes).toBe(44 + durationMs * 32);
  });

  it('names a file that is not media, and one without audio, as the problem', async () => {
    const notMedia = path.join(root, 'notes.mp4');
    writeFileSync(notMedia, 'this is not a video\n'.repeat(100));
    const broken = streamAudio('ffmpeg', notMedia);
    void drain(broken.stream);
    await expect(broken.finished).rejects.toMatchObject({ kind: 'audio-failed', message: expect.stringContaining('could not extract audio') });

    const silentVideo = path.join(root, 'video-only.mp4');
    spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=10', '-t', '1', '-y', silentVideo]);
    const noAudio = streamAudio('ffmpeg', silentVideo);
    void drain(noAudio.stream);
    await expect(noAudio.finished).rejects.toMatchObject({ kind: 'audio-failed', message: expect.stringContaining('no audio track') });
  });

  it('starts ffmpeg only when the reader first reads, then decodes ahead without waiting on it', async () => {
    // A missing binary shows when the spawn happens: not before the first read.
    const missing = streamAudio(path.join(root, 'no-such-ffmpeg'), clip);
    let settled = false;
    missing.finished.catch(() => undefined).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(settled).toBe(false);
    missing.stream.resume();
    await expect(missing.finished).rejects.toMatchObject({ kind: 'audio-failed', message: expect.stringContaining('could not be started') });

    // One chunk read, then nothing: the 3 s clip (96 KB) still decodes to the end, held for the reader.
    const audio = streamAudio('ffmpeg', clip);
    const first = await new Promise<Buffer>((resolve) => audio.stream.once('data', (chunk: Buffer) => (audio.stream.pause(), resolve(chunk))));
    const { durationMs } = await audio.finished;
    expect(audio.stream.readableLength + first.length).toBe(44 + durationMs * 32);
    audio.stream.destroy();

    // A reader that goes away before reading anything: ffmpeg never starts, and the reason says so.
    const unread = streamAudio('ffmpeg', clip);
    unread.stream.destroy();
    await expect(unread.finished).rejects.toMatchObject({ kind: 'audio-failed', message: expect.stringContaining('reader stopped early') });
  });

  it('a cancel stops ffmpeg and says cancelled', async () => {
    const controller = new AbortController();
    const audio = streamAudio('ffmpeg', clip, { signal: controller.signal });
    controller.abort();
    await expect(audio.finished).rejects.toMatchObject({ kind: 'cancelled' });
  });
});

describe.skipIf(!haveFfmpeg || !haveWhisper)('transcribeMedia into whisper-cli by stdin', () => {
  it('transcribes while decoding, with every time inside the audio', async () => {
    const whisper = createWhisperCliTranscriber({ binary: whisperCli, modelPath: path.join(root, 'ggml-tiny-random.bin'), modelName: 'tiny-random', logger: createMemoryLogger() });
    expect(whisper.readsStream).toBe(true);
    const { transcript, durationMs } = await transcribeMedia(whisper, { ffmpeg: 'ffmpeg', path: clip }, run);
    expect(Math.abs(durationMs - 3000)).toBeLessThan(60);
    for (const segment of transcript.segments) {
      expect(segment.startMs).toBeLessThanOrEqual(segment.endMs);
      expect(segment.endMs).toBeLessThanOrEqual(durationMs);
    }
  }, 120_000);

  it('a file ffmpeg cannot read is reported as such, not as a whisper crash', async () => {
    const whisper = createWhisperCliTranscriber({ binary: whisperCli, modelPath: path.join(root, 'ggml-tiny-random.bin'), modelName: 'tiny-random', logger: createMemoryLogger() });
    const notMedia = path.join(root, 'garbage.mov');
    writeFileSync(notMedia, Buffer.alloc(10_000, 3));
    const error = await transcribeMedia(whisper, { ffmpeg: 'ffmpeg', path: notMedia }, run).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TranscribeError);
    expect((error as TranscribeError).kind).toBe('audio-failed');
  }, 120_000);

  it('a recognizer that dies before reading stops ffmpeg through the broken pipe, and its own error is reported', async () => {
    // A long input, so ffmpeg would block on the full pipe forever if nobody closed it.
    const long = videoWithAudio(noiseWav(root, 600), path.join(root, 'long.mp4'));
    // Refused before whisper-cli starts (our header check), and refused by whisper-cli itself after it started.
    const garbage = path.join(root, 'ggml-garbage.bin');
    writeFileSync(garbage, Buffer.alloc(4096, 7));
    const truncated = path.join(root, 'ggml-truncated.bin');
    copyFileSync(path.join(root, 'ggml-tiny-random.bin'), truncated);
    truncateSync(truncated, 2_000_000);
    for (const modelPath of [garbage, truncated]) {
      const bad = createWhisperCliTranscriber({ binary: whisperCli, modelPath, modelName: path.basename(modelPath), logger: createMemoryLogger() });
      const error = await transcribeMedia(bad, { ffmpeg: 'ffmpeg', path: long }, run).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TranscribeError);
      expect((error as TranscribeError).kind).toBe('model-corrupt');
    }
  }, 120_000);
});
