// Issue 4's speech test end to end through the CLI only: `handoff record` on a real X display with the pulse mic vmic
// while flite speaks into vsink after ~2 s of silence, `handoff transcribe ID --wait` with the pocketsphinx REFERENCE
// recognizer (chosen by the transcription.engine setting), then `handoff search WORD --json` finds the spoken word at
// the second it was said (± 1 s).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeCore } from '../../electron/core/compose';
import { createMemoryLogger } from '../../electron/core/logger';
import { soundOnsets } from '../support/media-check';
import { playWav, pulseAvailable, startPulse, type PulseHandle } from '../support/pulse';
import { hasCommand } from '../support/transcription-media';

const repo = path.resolve(__dirname, '..', '..');
const display = process.env.DISPLAY;
const SENTENCE = 'please review the budget report before friday';
const SILENCE_MS = 2000;
const havePocketsphinx = hasCommand('pocketsphinx_continuous') && existsSync('/usr/share/pocketsphinx/model/en-us');
const skipReason = !display
  ? 'DISPLAY is not set (run under Xvfb)'
  : !hasCommand('flite')
    ? 'flite is not installed'
    : !havePocketsphinx
      ? 'pocketsphinx + pocketsphinx-en-us are not installed'
      : !hasCommand('ffmpeg') || !pulseAvailable()
        ? 'ffmpeg or pulseaudio is not installed'
        : null;
if (skipReason) console.warn(`speech record → transcribe → search skipped: ${skipReason}`);

let pulse: PulseHandle;
let tmp: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], dataDir: string, onStderr?: (text: string) => void): Promise<Run> {
  const child = spawn(process.execPath, [path.join(repo, 'bin', 'handoff.mjs'), '--data-dir', dataDir, ...args], {
    env: { ...pulse.env, DISPLAY: display },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    onStderr?.(stderr);
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe.skipIf(skipReason !== null)('speech: record → transcribe → search, all through the CLI', () => {
  beforeAll(async () => {
    pulse = await startPulse();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-speech-cli-'));
  });
  afterAll(async () => {
    await pulse?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('finds a word spoken into the mic during `handoff record` at the second it was said (± 1 s)', async () => {
    const dataDir = path.join(tmp, 'data');
    // The engine is a setting of this data folder, set through the contract like the UI does.
    const core = composeCore({
      dataDir,
      resourcesDir: path.join(repo, 'resources'),
      version: 'test',
      env: process.env,
      platform: process.platform,
      logger: createMemoryLogger('speech-cli-test'),
      clock: () => new Date(),
    });
    const set = await core.dispatch('settings:set', { values: { 'transcription.engine': 'pocketsphinx-reference', 'transcription.language': 'en' } });
    core.close();
    expect(set.ok).toBe(true);

    const wav = path.join(tmp, 'sentence.wav');
    const made = spawnSync('flite', ['-voice', 'rms', '-t', SENTENCE, '-o', wav]);
    expect(made.status, String(made.stderr)).toBe(0);

    // `Recording ID` is printed once ffmpeg reports output time, i.e. when the clip's time 0 has passed.
    let markStarted: (at: number) => void = () => undefined;
    const started = new Promise<number>((resolve) => (markStarted = resolve));
    const recording = cli(['record', '--seconds', '7', '--mic', 'vmic', '--camera', 'none', '--title', 'Budget'], dataDir, (text) => {
      if (/Recording \S+/.test(text)) markStarted(Date.now());
    });
    const startedAt = await Promise.race([started, recording.then(() => null)]);
    if (startedAt === null) {
      const failed = await recording;
      throw new Error(`record ended before it started: ${failed.stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, SILENCE_MS));
    const playedAtMs = Date.now() - startedAt;
    await playWav(pulse.env, wav);
    const recorded = await recording;
    expect(recorded.code, recorded.stderr).toBe(0);
    const id = /→ clip (\S+)/.exec(recorded.stdout)?.[1];
    expect(id, recorded.stdout).toBeDefined();
    // Where the speech is in the clip: its first sound after the silence. The "Recording" line is only a wall-clock
    // proxy for the clip's time 0 (the mic opens first, so the clip can start up to a couple of seconds before it).
    const onsets = soundOnsets(path.join(dataDir, 'clips', id!, 'video.mp4'));
    expect(onsets.length, 'no speech found in the recording').toBeGreaterThan(0);
    const spokenAtMs = Math.round(onsets[0] * 1000);
    expect(spokenAtMs).toBeGreaterThanOrEqual(playedAtMs - 500);
    expect(spokenAtMs).toBeLessThanOrEqual(playedAtMs + 3000);

    const transcribed = await cli(['--json', 'transcribe', id!, '--wait'], dataDir);
    expect(transcribed.code, transcribed.stderr).toBe(0);
    const { job } = JSON.parse(transcribed.stdout) as { job: { state: string; model: string | null } };
    expect(job.state).toBe('done');

    const search = async (word: string) => {
      const searched = await cli(['--json', 'search', word], dataDir);
      expect(searched.code, searched.stderr).toBe(0);
      const { hits } = JSON.parse(searched.stdout) as { hits: { clipId: string; startMs: number | null }[] };
      return hits.filter((hit) => hit.clipId === id && hit.startMs !== null).map((hit) => hit.startMs!);
    };
    // "please" opens the sentence: the utterance (segment) holding it starts when the speech did.
    const please = await search('please');
    expect(please.length, 'no hit for "please"').toBeGreaterThan(0);
    expect(Math.abs(please[0] - spokenAtMs), `heard at ${please[0]} ms, spoken at ${spokenAtMs} ms (played ${playedAtMs} ms after "Recording")`).toBeLessThanOrEqual(1000);
    // A word later in the sentence is found too, never before the speech began.
    const budget = await search('budget');
    expect(budget.length, 'no hit for "budget"').toBeGreaterThan(0);
    expect(budget[0]).toBeGreaterThanOrEqual(please[0]);
    expect(budget[0]).toBeLessThan(spokenAtMs + 4000);
  });
});
