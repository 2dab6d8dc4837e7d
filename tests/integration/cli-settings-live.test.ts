// The command line side of issue 21: `handoff settings` reads and writes the settings the pages edit, and `handoff
// record` with live transcription returns with the transcript complete, so `handoff search` finds a spoken word at once.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasCommand } from '../support/transcription-media';

const repo = path.resolve(__dirname, '..', '..');
let tmp = '';

function handoff(dataDir: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(repo, 'bin', 'handoff.mjs'), '--data-dir', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-cli-live-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('handoff settings', () => {
  it('sets and gets a switch, a number and a choice, and refuses what the rules refuse', async () => {
    const dataDir = path.join(tmp, 'settings');
    expect((await handoff(dataDir, ['settings', 'set', 'transcription.live', 'off'])).stdout).toBe('transcription.live = off\n');
    const got = await handoff(dataDir, ['settings', 'get', 'transcription.live', '--json']);
    expect(JSON.parse(got.stdout)).toEqual({ key: 'transcription.live', value: false });
    expect((await handoff(dataDir, ['settings', 'set', 'workspace.publishWhileRecording', 'on'])).code).toBe(0);
    expect((await handoff(dataDir, ['settings', 'set', 'transcription.threads', '3'])).code).toBe(0);
    expect((await handoff(dataDir, ['settings', 'set', 'transcription.engine', 'pocketsphinx-reference'])).code).toBe(0);
    const all = JSON.parse((await handoff(dataDir, ['--json', 'settings'])).stdout) as Record<string, unknown>;
    expect(all).toMatchObject({ 'transcription.live': false, 'workspace.publishWhileRecording': true, 'transcription.threads': 3, 'transcription.engine': 'pocketsphinx-reference' });
    for (const bad of [['transcription.live', 'maybe'], ['transcription.threads', 'many'], ['transcription.engine', 'nope'], ['no.such', '1']]) {
      const refused = await handoff(dataDir, ['settings', 'set', ...bad]);
      expect(refused.code, bad.join(' ')).not.toBe(0);
      expect(refused.stderr).toMatch(/handoff: /);
    }
  }, 120_000);
});

const havePocketsphinx = hasCommand('pocketsphinx_continuous') && existsSync('/usr/share/pocketsphinx/model/en-us');
const speechSkip = !hasCommand('ffmpeg') || !hasCommand('flite') || !havePocketsphinx ? 'ffmpeg, flite or pocketsphinx is missing' : null;

describe.skipIf(speechSkip !== null)('handoff record with live transcription', () => {
  it('returns with the transcript complete: search finds the spoken word at once', async () => {
    const dataDir = path.join(tmp, 'record');
    const wav = path.join(tmp, 'speech.wav');
    const media = path.join(tmp, 'speech.mp4');
    expect(spawnSync('flite', ['-voice', 'rms', '-t', 'please review the budget report before friday', '-o', wav]).status).toBe(0);
    const made = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=10', '-f', 'lavfi', '-t', '1', '-i', 'anullsrc=r=16000:cl=mono', '-i', wav,
      '-filter_complex', '[1][2]concat=n=2:v=0:a=1[a]', '-map', '0:v', '-map', '[a]', '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', media]);
    expect(made.status, String(made.stderr)).toBe(0);
    expect((await handoff(dataDir, ['settings', 'set', 'transcription.engine', 'pocketsphinx-reference'])).code).toBe(0);
    expect((await handoff(dataDir, ['settings', 'set', 'transcription.language', 'en'])).code).toBe(0);
    const recorded = await handoff(dataDir, ['--json', 'record', '--progress', '--camera-only', '--camera', 'synthetic', '--mic', 'synthetic', '--synthetic', media, '--seconds', '5', '--fps', '10', '--max-height', '240']);
    expect(recorded.code, recorded.stderr).toBe(0);
    const result = JSON.parse(recorded.stdout) as { id: string; transcript: string | null };
    expect(result.transcript).toBe('done');
    // --progress reports the live pass to its end, after the recording's own events: the transcript saved, from windows.
    const live = recorded.stderr.split('\n').filter((line) => line.includes('"transcripts:live"')).map((line) => JSON.parse(line) as { state: string; windows: number });
    expect(live.at(-1)).toMatchObject({ state: 'done', windows: expect.any(Number) });
    expect(live.at(-1)!.windows).toBeGreaterThanOrEqual(1);
    const searched = JSON.parse((await handoff(dataDir, ['--json', 'search', 'budget'])).stdout) as { hits: { clipId: string }[] };
    expect(searched.hits.map((hit) => hit.clipId)).toContain(result.id);
  }, 120_000);
});
