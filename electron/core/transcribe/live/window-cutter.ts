// Cuts a stream of 16 kHz mono PCM into windows for a recognizer, at pauses: a window is at least `minMs` long and
// ends in the middle of the first pause (`pauseMs` of frames under `silenceDb`) after that; with no pause by `maxMs`,
// it ends at the quietest frame between the two. Cutting inside silence keeps every word whole in one window, so
// a window's words are the words an after-stop pass hears. Pure: no timers, no I/O.
import { SPEECH_SAMPLE_RATE } from '../../capture/command';

/** The recorder writes the speech audio at this rate (capture/command.ts). */
export const SAMPLE_RATE = SPEECH_SAMPLE_RATE;
const FRAME = 320; // 20 ms

export interface PcmWindow {
  /** Index of the window's first sample in the stream. */
  startSample: number;
  samples: Int16Array;
}

export interface CutterOptions {
  minMs?: number;
  maxMs?: number;
  pauseMs?: number;
  silenceDb?: number;
}

export interface WindowCutter {
  /** Adds samples; returns the windows that are complete now (often none). */
  push(samples: Int16Array): PcmWindow[];
  /** The rest, as one last window (null when nothing is left). */
  flush(): PcmWindow | null;
  /** Samples pushed so far. */
  readonly total: number;
}

function frameDb(samples: Int16Array, from: number): number {
  let sum = 0;
  for (let i = from; i < from + FRAME; i++) sum += samples[i] * samples[i];
  const rms = Math.sqrt(sum / FRAME) / 32768;
  return rms > 0 ? 20 * Math.log10(rms) : -120;
}

export function createWindowCutter(options: CutterOptions = {}): WindowCutter {
  // 5 s, not Whisper's 30: stop waits for the last window only, and it runs from the last cut to the end (a 10 s
  // minimum cost pocketsphinx ~5 s at stop on 2 cores); the prompt carries the context a short window lacks.
  const minFrames = Math.round((options.minMs ?? 5_000) / 20);
  const maxFrames = Math.round((options.maxMs ?? 30_000) / 20);
  const pauseFrames = Math.max(1, Math.round((options.pauseMs ?? 300) / 20));
  const silenceDb = options.silenceDb ?? -40;
  // The samples not yet in a window, as the chunks they arrived in: appending never copies what is already held (the
  // whole buffer, up to 30 s or ~1 MB, copied on every read was the live pass's main garbage). A window is joined
  // once, when it is cut.
  const chunks: Int16Array[] = [];
  let buffered = 0;
  let bufferStart = 0;
  /** The samples after the last whole frame, carried into the next push so every level is over a whole frame. */
  let partial = new Int16Array(0);
  let levels: number[] = [];
  let total = 0;

  function take(frames: number): PcmWindow {
    const count = Math.min(buffered, frames * FRAME);
    const samples = new Int16Array(count);
    let filled = 0;
    while (filled < count) {
      const chunk = chunks[0];
      const used = Math.min(chunk.length, count - filled);
      samples.set(chunk.subarray(0, used), filled);
      filled += used;
      if (used === chunk.length) chunks.shift();
      else chunks[0] = chunk.subarray(used);
    }
    const window = { startSample: bufferStart, samples };
    buffered -= count;
    bufferStart += count;
    levels = levels.slice(frames);
    return window;
  }

  /** The frame to cut at, or null when the buffer holds no complete window yet. */
  function cutPoint(): number | null {
    if (levels.length < minFrames) return null;
    let run = 0;
    for (let i = minFrames; i < Math.min(levels.length, maxFrames); i++) {
      run = levels[i] < silenceDb ? run + 1 : 0;
      if (run >= pauseFrames) return i - Math.floor(run / 2);
    }
    if (levels.length < maxFrames) return null;
    let quietest = minFrames;
    for (let i = minFrames; i < maxFrames; i++) if (levels[i] < levels[quietest]) quietest = i;
    return quietest;
  }

  return {
    push(samples) {
      total += samples.length;
      if (samples.length > 0) {
        chunks.push(samples);
        buffered += samples.length;
      }
      // Levels of the whole frames now complete: the carried partial frame and the new samples, joined (small).
      const open = partial.length > 0 ? concat(partial, samples) : samples;
      const whole = open.length - (open.length % FRAME);
      for (let at = 0; at < whole; at += FRAME) levels.push(frameDb(open, at));
      partial = open.slice(whole);
      const windows: PcmWindow[] = [];
      for (let at = cutPoint(); at !== null; at = cutPoint()) windows.push(take(at));
      return windows;
    },
    flush() {
      if (buffered === 0) return null;
      return take(Math.ceil(buffered / FRAME));
    },
    get total() {
      return total;
    },
  };
}

function concat(a: Int16Array, b: Int16Array): Int16Array {
  const joined = new Int16Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
