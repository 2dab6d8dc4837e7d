import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatSrt, formatVtt, srtTimestamp, vttTimestamp } from '../../shared/captions';
import { WHISPER_MODELS } from '../../shared/whisper-models';
import { readGgmlHeader } from '../../electron/core/transcribe/ggml-file';
import { parsePocketsphinxOutput } from '../../electron/core/transcribe/pocketsphinx-reference';
import { parseProgress, parseWhisperJson } from '../../electron/core/transcribe/whisper-output';
import { whisperArgs } from '../../electron/core/transcribe/whisper-cli';

describe('captions', () => {
  it('formats timestamps for WebVTT and SubRip, past an hour', () => {
    expect(vttTimestamp(0)).toBe('00:00:00.000');
    expect(vttTimestamp(3_723_456)).toBe('01:02:03.456');
    expect(srtTimestamp(61_001)).toBe('00:01:01,001');
  });

  it('writes a WebVTT file with escaped markup and no empty cues', () => {
    const vtt = formatVtt([
      { startMs: 500, endMs: 1500, text: ' Hello <b> & you ' },
      { startMs: 1600, endMs: 1700, text: '   ' },
      { startMs: 2000, endMs: 1900, text: 'a --> b\n\nc' },
    ]);
    expect(vtt).toBe(
      'WEBVTT\n\n00:00:00.500 --> 00:00:01.500\nHello &lt;b&gt; &amp; you\n\n00:00:02.000 --> 00:00:02.000\na → b c\n',
    );
  });

  it('writes numbered SubRip cues', () => {
    expect(formatSrt([{ startMs: 0, endMs: 1000, text: 'one' }, { startMs: 1000, endMs: 2500, text: 'two' }])).toBe(
      '1\n00:00:00,000 --> 00:00:01,000\none\n\n2\n00:00:01,000 --> 00:00:02,500\ntwo\n',
    );
    expect(formatVtt([])).toBe('WEBVTT\n');
  });
});

describe('whisper-cli output', () => {
  it('reads the highest progress in a chunk and ignores other lines', () => {
    expect(parseProgress('whisper_print_progress_callback: progress =   5%\nwhisper_print_progress_callback: progress =  10%\n')).toBe(10);
    expect(parseProgress('whisper_init_from_file: loading model')).toBeNull();
    expect(parseProgress('progress = 100%')).toBe(100);
  });

  it('builds the argument array without a shell', () => {
    const args = whisperArgs({ modelPath: '/m/ggml-x.bin', wavPath: '/t/a b;rm.wav', outputPrefix: '/t/out', language: 'auto', threads: 2.7 });
    expect(args).toEqual(['-m', '/m/ggml-x.bin', '-f', '/t/a b;rm.wav', '-l', 'auto', '-t', '2', '-ojf', '-of', '/t/out', '-pp']);
    expect(whisperArgs({ modelPath: 'm', wavPath: 'w', outputPrefix: 'o', language: 'de', threads: 4, quality: 'fast' }).slice(-5)).toEqual(['-bs', '1', '-bo', '1', '-nf']);
  });

  it('turns full JSON into segments and words, dropping control tokens and keeping times monotonic', () => {
    const json = JSON.stringify({
      result: { language: 'en' },
      transcription: [
        {
          offsets: { from: 0, to: 2000 },
          text: ' Hello world',
          tokens: [
            { text: '[_BEG_]', offsets: { from: 0, to: 0 }, id: 50364, p: 0.9 },
            { text: ' Hel', offsets: { from: 0, to: 400 }, id: 1, p: 0.9 },
            { text: 'lo', offsets: { from: 400, to: 700 }, id: 2, p: 0.5 },
            { text: ' world', offsets: { from: 800, to: 1900 }, id: 3, p: 0.8 },
            { text: '[_TT_100]', offsets: { from: 2000, to: 2000 }, id: 50464, p: 0.1 },
          ],
        },
        { offsets: { from: 1900, to: 99_000 }, text: ' again', tokens: [{ text: ' again', offsets: { from: 1900, to: 99_000 }, p: 0.7 }] },
        { offsets: { from: 3000, to: 3500 }, text: '  ', tokens: [] },
      ],
    });
    const transcript = parseWhisperJson(json, 5000);
    expect(transcript.language).toBe('en');
    expect(transcript.segments).toEqual([
      {
        startMs: 0,
        endMs: 2000,
        text: 'Hello world',
        words: [
          { startMs: 0, endMs: 700, text: 'Hello', p: 0.5 },
          { startMs: 800, endMs: 1900, text: 'world', p: 0.8 },
        ],
      },
      { startMs: 2000, endMs: 5000, text: 'again', words: [{ startMs: 2000, endMs: 5000, text: 'again', p: 0.7 }] },
    ]);
  });

  it('rejects JSON that is not whisper output', () => {
    expect(() => parseWhisperJson('{"nope":1}', null)).toThrow(/unexpected shape/);
    expect(() => parseWhisperJson('{', null)).toThrow(/does not parse/);
  });
});

describe('pocketsphinx reference output', () => {
  it('groups words by utterance, drops fillers and alternate-pronunciation marks', () => {
    const out = [
      'please review the budget',
      '<s> 2.380 2.520 0.999800',
      '<sil> 2.530 2.660 0.707343',
      'please 2.670 2.940 0.999800',
      'review 2.950 3.340 0.952652',
      '[NOISE] 3.340 3.350 0.5',
      'friday(2) 4.840 5.310 0.914836',
      '</s> 5.320 5.520 1.000000',
      'next',
      '<s> 7.000 7.100 1',
      'next 7.100 7.500 0.9',
      '</s> 7.500 7.600 1',
    ].join('\n');
    const segments = parsePocketsphinxOutput(out);
    expect(segments.map((s) => [s.startMs, s.endMs, s.text])).toEqual([
      [2670, 5310, 'please review friday'],
      [7100, 7500, 'next'],
    ]);
    expect(segments[0].words[2]).toEqual({ startMs: 4840, endMs: 5310, text: 'friday', p: 0.914836 });
  });
});

describe('model files', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-ggml-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a Whisper ggml header and refuses other files', async () => {
    const good = Buffer.alloc(48);
    good.writeUInt32LE(0x67676d6c, 0);
    [51864, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1].forEach((v, i) => good.writeInt32LE(v, 4 + i * 4));
    writeFileSync(path.join(dir, 'good.bin'), good);
    writeFileSync(path.join(dir, 'text.bin'), 'this is not a model at all, just some text that is long enough');
    writeFileSync(path.join(dir, 'short.bin'), good.subarray(0, 10));
    const other = Buffer.from(good);
    other.writeInt32LE(7, 4 + 4 * 4);
    writeFileSync(path.join(dir, 'other.bin'), other);

    const ok = await readGgmlHeader(path.join(dir, 'good.bin'));
    expect(ok.ok && ok.header.nAudioLayer).toBe(4);
    expect(await readGgmlHeader(path.join(dir, 'text.bin'))).toMatchObject({ ok: false, reason: expect.stringMatching(/magic/) });
    expect(await readGgmlHeader(path.join(dir, 'short.bin'))).toMatchObject({ ok: false, reason: expect.stringMatching(/short/) });
    expect(await readGgmlHeader(path.join(dir, 'other.bin'))).toMatchObject({ ok: false, reason: expect.stringMatching(/Whisper/) });
  });

  it('knows every promised model with a size and a SHA-256', () => {
    expect(WHISPER_MODELS.map((m) => m.name)).toEqual(['tiny.en', 'tiny', 'base.en', 'base', 'small.en', 'small', 'medium', 'large-v3-turbo']);
    for (const model of WHISPER_MODELS) {
      expect(model.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(model.file).toBe(`ggml-${model.name}.bin`);
      expect(model.sizeBytes).toBeGreaterThan(70_000_000);
    }
  });
});
