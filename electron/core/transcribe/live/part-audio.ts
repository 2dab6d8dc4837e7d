// The audio of one recording part as it is written: every segment the part's playlist lists (complete by then) is fed,
// after init.mp4, into one ffmpeg that decodes it to 16 kHz mono PCM. One decoder per part rather than one per segment:
// AAC's priming and the edit list are handled once, so the samples line up with the recording's time exactly as an
// after-stop decode of the same part does. The decoder runs at low priority: the recorder's ffmpeg always wins.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../logger';
import { PLAYLIST, SEGMENT_NAME, playlistEntries } from '../../capture/finalize';
import { tail } from '../../system/run';

/** Niceness of everything the live pipeline runs (decoders, recognizers): below the recorder's ffmpeg. */
export const LIVE_NICENESS = 10;

export function lowerPriority(pid: number | undefined, logger: Logger): void {
  if (pid === undefined) return;
  try {
    os.setPriority(pid, LIVE_NICENESS);
  } catch (error) {
    // Not fatal: the work still runs, only at the recorder's priority.
    logger.warn('could not lower the priority of a live-pipeline process', { pid, error });
  }
}

export interface PartAudio {
  /** Feeds the segments listed so far that were not fed yet. */
  poke(): void;
  /** The part ended: feeds the rest, closes the decoder and resolves when all of its samples were delivered. */
  end(): Promise<void>;
  /** Stops the decoder. */
  kill(): void;
}

export function followPartAudio(options: {
  ffmpeg: string;
  partDir: string;
  logger: Logger;
  onSamples: (samples: Int16Array) => void;
}): PartAudio {
  const child = spawn(
    options.ffmpeg,
    ['-nostdin', '-hide_banner', '-loglevel', 'error', '-probesize', '32768', '-analyzeduration', '0', '-f', 'mp4', '-i', 'pipe:0', '-map', '0:a:0', '-vn', '-ac', '1', '-ar', '16000', '-f', 's16le', 'pipe:1'],
    { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true },
  );
  lowerPriority(child.pid, options.logger);
  let stderr = '';
  let carry: Buffer | null = null;
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = tail(stderr + chunk, 4000)));
  child.stdout.on('data', (chunk: Buffer) => {
    const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
    const even = bytes.length - (bytes.length % 2);
    carry = even < bytes.length ? bytes.subarray(even) : null;
    if (even > 0) options.onSamples(new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + even)));
  });
  child.stdin.on('error', (error) => options.logger.warn('the live audio decoder stopped reading', { error, stderr }));
  const closed = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0 || killed) resolve();
      else reject(new Error(`ffmpeg (live audio) exited with ${code ?? signal}: ${stderr}`));
    });
  });
  closed.catch(() => undefined);
  let killed = false;
  let fed = 0;
  let initFed = false;
  let work: Promise<void> = Promise.resolve();
  let busy = false;

  // A decoder that was killed (live transcription gave up) never drains: its stdin closing settles the write too.
  const write = (data: Buffer) =>
    new Promise<void>((resolve) => {
      if (killed || child.stdin.destroyed) return resolve();
      if (child.stdin.write(data)) return resolve();
      const done = () => {
        child.stdin.off('drain', done).off('close', done);
        resolve();
      };
      child.stdin.once('drain', done).once('close', done);
    });

  async function feed(): Promise<void> {
    if (killed) return;
    const text = await readFile(path.join(options.partDir, PLAYLIST), 'utf8').catch(() => null);
    const init = path.join(options.partDir, 'init.mp4');
    if (text === null || !existsSync(init)) return;
    if (!initFed) {
      await write(await readFile(init));
      initFed = true;
    }
    for (const entry of playlistEntries(text).slice(fed)) {
      if (killed || !SEGMENT_NAME.test(entry.uri)) return;
      const file = path.join(options.partDir, entry.uri);
      if (!existsSync(file)) return;
      await write(await readFile(file));
      fed += 1;
    }
  }

  return {
    poke() {
      if (busy || killed) return;
      busy = true;
      work = work
        .then(feed)
        .catch((error: unknown) => options.logger.warn('could not feed a segment to the live audio decoder; the next poke retries', { error }))
        .finally(() => (busy = false));
    },
    async end() {
      if (killed) return;
      work = work.then(feed);
      await work;
      child.stdin.end();
      await closed;
    },
    kill() {
      killed = true;
      child.kill('SIGKILL');
    },
  };
}
