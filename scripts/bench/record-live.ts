// npm run bench:record -- --live-transcription [--seconds N] [--only 720p-scrolling]: the recorder with transcription
// while recording against the same recording without it, in the same run, in the scenarios where capture is hardest
// (1080p30 ordinary desktop, 720p30 full-screen scrolling text). Every run is the real `handoff record` in its own
// process, with a synthetic camera and a private PulseAudio mic that hears flite speech in a loop, so the live pass has
// words to transcribe for the whole run (the "off" runs hear the same speech). Live runs: the pocketsphinx reference
// engine, and Whisper with a random-weight tiny model (real shapes, real speed, garbage text) when whisper-server is
// found (HANDOFF_WHISPER_SERVER, resources/bin from `npm run build:whisper`, or PATH).
// Figures per run: real-time factor (steady part), duplicated and dropped frames, peak RSS of the `handoff record`
// process + its ffmpeg processes + the recognizer (summed over its process tree, sampled every 100 ms; also as PSS,
// which counts the libraries the ffmpeg processes share once) against the 300 MB budget plus the model's size, and how
// the live pass ended; with the ratio against the "off" run.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SHAPES, writeGgmlModel } from '../../tests/support/ggml-model';
import { startPulse } from '../../tests/support/pulse';
import type { RecorderFigures } from './record';
import { speakInLoop, speechWav } from './lib/speech';

const BUDGET_MB = 300;
/** Debian's pocketsphinx-en-us, which pocketsphinx_continuous loads by default. */
const POCKETSPHINX_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';
const repo = path.resolve(import.meta.dirname, '..', '..');

/** What a recording run gets besides its size: settings and models set first, env, mic, and what plays meanwhile. */
export interface LiveSetup {
  setup: string[][];
  env: NodeJS.ProcessEnv;
  mic: string;
  whileRecording?: () => () => void;
}

interface Context {
  seconds: number;
  only: string | undefined;
  tmp: string;
  display: string;
  startContent(kind: 'ordinary' | 'scrolling'): ChildProcess;
  recordWithCli(request: { height: number; seconds: number; stopByCall: boolean; live?: LiveSetup }): Promise<RecorderFigures>;
}

function found(name: string, envVar: string): string | null {
  const fromEnv = process.env[envVar];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  const local = path.join(repo, 'resources', 'bin', name);
  if (existsSync(local)) return local;
  const which = spawnSync('which', [name], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

function du(dir: string): number {
  const out = spawnSync('du', ['-sb', dir], { encoding: 'utf8' });
  return out.status === 0 ? Number(out.stdout.split('\t')[0]) : NaN;
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

export async function liveComparison(ctx: Context): Promise<void> {
  const pulse = await startPulse();
  try {
    const wav = speechWav(ctx.tmp);
    const speech = () => speakInLoop(pulse.env, wav);
    const server = found('whisper-server', 'HANDOFF_WHISPER_SERVER');
    const whisperModel = path.join(ctx.tmp, 'ggml-tiny-random.bin');
    if (server) writeGgmlModel(whisperModel, SHAPES.tiny);
    const pocketsphinxMb = du(POCKETSPHINX_MODEL_DIR) / 1_048_576;
    const base = (engine: string, live: boolean): string[][] => [
      ['settings', 'set', 'transcription.engine', engine],
      ['settings', 'set', 'transcription.language', 'en'],
      ['settings', 'set', 'transcription.live', live ? 'on' : 'off'],
    ];
    const modes: { label: string; modelMb: number; setup: string[][] }[] = [
      { label: 'off', modelMb: 0, setup: base('pocketsphinx-reference', false) },
      { label: 'live pocketsphinx', modelMb: pocketsphinxMb, setup: base('pocketsphinx-reference', true) },
    ];
    if (server) {
      modes.push({
        label: 'live whisper tiny',
        modelMb: statSync(whisperModel).size / 1_048_576,
        setup: [...base('whisper', true), ['models', 'import', whisperModel, '--name', 'tiny-random'], ['models', 'use', 'tiny-random']],
      });
    }
    const env: NodeJS.ProcessEnv = { PULSE_SERVER: pulse.server, ...(server ? { HANDOFF_WHISPER_SERVER: server } : {}) };
    console.log(
      `bench:record --live-transcription — ${os.cpus().length} cores, load ${load()}, ${ctx.seconds} s per run on Xvfb ${ctx.display}, ` +
        '`handoff record` (out/main/cli.js), synthetic camera, flite speech in a loop on a private PulseAudio mic (vmic)',
    );
    console.log(
      server
        ? `whisper: ${server}, random-weight tiny model ${fmt(statSync(whisperModel).size / 1_048_576, 0)} MB; pocketsphinx model ${fmt(pocketsphinxMb, 0)} MB`
        : 'whisper: no whisper-server found (npm run build:whisper, or HANDOFF_WHISPER_SERVER): Whisper runs skipped',
    );
    console.log('scenario         | mode               | rtf (×off)       | dup%  drop% | peak RSS MB (×off): recorder + ffmpeg + recognizer | peak PSS MB | budget | live pass');
    for (const [kind, height] of [['ordinary', 1080], ['scrolling', 720]] as const) {
      if (ctx.only && ctx.only !== `${height}p-${kind}`) continue;
      const content = ctx.startContent(kind);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      let off: RecorderFigures | null = null;
      for (const mode of modes) {
        const loadBefore = os.loadavg()[0];
        const run = await ctx.recordWithCli({ height, seconds: ctx.seconds, stopByCall: false, live: { setup: mode.setup, env, mic: 'vmic', whileRecording: speech } });
        off ??= run;
        const budget = BUDGET_MB + mode.modelMb;
        const live = run.live;
        const pass = mode.label === 'off' ? '—' : live ? `${live.state}, ${live.windows} windows, ${fmt(live.audioMs / 1000, 1)} s heard live${live.reason ? ` (${live.reason})` : ''}; transcript ${run.transcript}` : `no live event; transcript ${run.transcript}`;
        console.log(
          `${`${height}p30 ${kind}`.padEnd(16)} | ${mode.label.padEnd(18)} | ${fmt(run.rtf, 3)}× (${fmt(run.rtf / off.rtf, 3)}) | ${fmt(run.dupPct, 2)} ${fmt(run.dropPct, 2)} | ` +
            `${fmt(run.peakRssMb, 0)} (${fmt(run.peakRssMb / off.peakRssMb, 2)}): ${fmt(run.peakRecorderMb, 0)} + ${fmt(run.peakByKindMb.ffmpeg, 0)} + ${fmt(run.peakByKindMb.recognizer, 0)}${run.peakByKindMb.other >= 1 ? ` + ${run.otherNames.join('/')} ${fmt(run.peakByKindMb.other, 0)}` : ''} | ` +
            `${fmt(run.peakPssMb, 0)} (${fmt(run.peakPssMb / off.peakPssMb, 2)}) | RSS ${run.peakRssMb <= budget ? '≤' : '>'} ${fmt(budget, 0)}, PSS ${run.peakPssMb <= budget ? '≤' : '>'} ${fmt(budget, 0)} | ${pass} | load ${fmt(loadBefore, 2)}`,
        );
      }
      content.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    console.log(`targets: rtf ≥ 0.99×, duplicated frames ≤ 1%, peak RSS ≤ 300 MB + the model; load average at the end ${load()}`);
  } finally {
    await pulse.stop();
  }
}
