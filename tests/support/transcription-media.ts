// Small real media for transcription tests: flite speech after a known stretch of silence, or plain noise, muxed with
// a tiny video into an MP4, then registered as a clip exactly as the recorder would (insertClip + <clip>/video.mp4).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { clipDir, insertClip } from '../../electron/core/library/clips-store';
import type { Db } from '../../electron/core/library/database';

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed (${result.status}): ${result.stderr?.slice(-800)}`);
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name]).status === 0;
}

/** Speech from flite (voice rms) preceded by `silenceS` seconds of silence, as a 16 kHz mono WAV. */
export function speechWav(dir: string, text: string, silenceS: number): string {
  const spoken = path.join(dir, 'spoken.wav');
  const out = path.join(dir, 'speech.wav');
  run('flite', ['-voice', 'rms', '-t', text, '-o', spoken]);
  run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-t', String(silenceS), '-i', 'anullsrc=r=16000:cl=mono', '-i', spoken,
    '-filter_complex', '[1]aresample=16000,aformat=channel_layouts=mono[s];[0][s]concat=n=2:v=0:a=1', '-ac', '1', '-c:a', 'pcm_s16le', out]);
  return out;
}

/** `seconds` of quiet pink noise: gives a recognizer something to chew on without any words. */
export function noiseWav(dir: string, seconds: number): string {
  const out = path.join(dir, `noise-${seconds}.wav`);
  run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `anoisesrc=color=pink:amplitude=0.05:r=16000:d=${seconds}`, '-ac', '1', '-c:a', 'pcm_s16le', out]);
  return out;
}

/** An MP4 (64×64 colour at 5 fps + AAC) carrying the given audio. */
export function videoWithAudio(wav: string, out: string): string {
  run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=navy:s=64x64:r=5', '-i', wav, '-shortest',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k', out]);
  return out;
}

/** Inserts a ready clip and places its video where the library keeps it. */
export function addClipWithAudio(db: Db, clipsDir: string, wav: string, durationMs: number): string {
  const clip = insertClip(db, { authorName: 'Test', authorTimezone: 'Europe/Berlin', recordedAt: new Date(), state: 'ready', source: 'recorded', durationMs }, new Date());
  const folder = clipDir(clipsDir, clip.id);
  mkdirSync(folder, { recursive: true });
  videoWithAudio(wav, path.join(folder, 'video.mp4'));
  return clip.id;
}
