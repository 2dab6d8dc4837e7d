// The audio of one recording part as it is written: the recorder's own ffmpeg writes the mic as 16 kHz mono s16le
// beside the part's segments (capture/command.ts, SPEECH_AUDIO_FILE), and this reads the file as it grows. No second
// decoder runs: the live pass costs no ffmpeg of its own, and a reader that falls behind never stalls the recorder.
// The samples start where the part's audio starts (the same first_pts=0 timeline the MP4's audio has), so windows line
// up with the recording's time as an after-stop decode of the part does. Recognizers run at low priority.
import { open, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../logger';
import { SPEECH_AUDIO_FILE, SPEECH_SAMPLE_RATE } from '../../capture/command';

/** Niceness of everything the live pipeline runs (recognizers): below the recorder's ffmpeg. */
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
  /** Reads the samples written since the last read. */
  poke(): void;
  /** The part's ffmpeg has exited: reads the rest and resolves when all of the part's samples were delivered. */
  end(): Promise<void>;
  /** Stops reading. */
  kill(): void;
}

/** Bytes per read: 4 s of audio, so a reader that fell behind catches up in a few reads without a large buffer. */
const READ_BYTES = 4 * SPEECH_SAMPLE_RATE * 2;

export function followPartAudio(options: { partDir: string; logger: Logger; onSamples: (samples: Int16Array) => void }): PartAudio {
  const file = path.join(options.partDir, SPEECH_AUDIO_FILE);
  let handle: FileHandle | null = null;
  let position = 0;
  let killed = false;
  let busy = false;
  let work: Promise<void> = Promise.resolve();
  // One read buffer for the part; what each read delivers is copied out at its size (the cutter keeps it).
  const scratch = Buffer.alloc(READ_BYTES);

  /** Reads to the current end of the file; whole samples only (a half-written one waits for the next read). */
  async function read(): Promise<void> {
    if (killed) return;
    if (!handle) {
      handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
        // ffmpeg creates the file when its first audio arrives; until then there is nothing to read.
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (!handle) return;
    }
    for (;;) {
      const { bytesRead } = await handle.read(scratch, 0, READ_BYTES, position);
      const whole = bytesRead - (bytesRead % 2);
      if (whole === 0 || killed) return;
      position += whole;
      // s16le on every platform Handoff runs on (x64, arm64: little-endian), so the bytes are the samples.
      options.onSamples(new Int16Array(scratch.buffer.slice(scratch.byteOffset, scratch.byteOffset + whole)));
      if (bytesRead < READ_BYTES) return;
    }
  }

  async function close(): Promise<void> {
    const held = handle;
    handle = null;
    await held?.close();
  }

  return {
    poke() {
      if (busy || killed) return;
      busy = true;
      work = work
        .then(read)
        .catch((error: unknown) => options.logger.warn('could not read the live speech audio; the next poke retries', { error, file }))
        .finally(() => (busy = false));
    },
    async end() {
      if (killed) return;
      work = work.then(read).finally(close);
      await work;
    },
    kill() {
      killed = true;
      work = work.then(close, close).catch((error: unknown) => options.logger.warn('could not close the live speech audio', { error, file }));
    },
  };
}
