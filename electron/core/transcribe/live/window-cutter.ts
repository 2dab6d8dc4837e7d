// Cuts a stream of 16 kHz mono PCM into windows for a recognizer, at pauses: a window is at least `minMs` long and
// ends in the middle of the first pause (`pauseMs` of frames under `silenceDb`) after that; with no pause by `maxMs`,
// it ends at the quietest frame between the two. Cutting inside silence keeps every word whole in one window, so
// a window's words are the words an after-stop pass hears. Pure: no timers, no I/O.

export const SAMPLE_RATE = 16_000;
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
  let buffer = new Int16Array(0);
  let bufferStart = 0;
  let levels: number[] = [];
  let total = 0;

  function take(frames: number): PcmWindow {
    const count = Math.min(buffer.length, frames * FRAME);
    const window = { startSample: bufferStart, samples: buffer.slice(0, count) };
    buffer = buffer.slice(count);
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
      const joined = new Int16Array(buffer.length + samples.length);
      joined.set(buffer);
      joined.set(samples, buffer.length);
      buffer = joined;
      for (let frame = levels.length; (frame + 1) * FRAME <= buffer.length; frame++) levels.push(frameDb(buffer, frame * FRAME));
      const windows: PcmWindow[] = [];
      for (let at = cutPoint(); at !== null; at = cutPoint()) windows.push(take(at));
      return windows;
    },
    flush() {
      if (buffer.length === 0) return null;
      return take(Math.ceil(buffer.length / FRAME));
    },
    get total() {
      return total;
    },
  };
}
