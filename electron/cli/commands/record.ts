// `handoff record` and `handoff recover`: the recorder from a terminal. Recording stops after --seconds of recorded
// time (ffmpeg cuts exactly there), on Enter, on SIGINT/SIGTERM, or when ffmpeg dies (what was recorded is still made into a clip).
import type { Command } from 'commander';
import type { RecordRequestInput, RecordingResult } from '../../../shared/contract/recorder';
import { HandoffError } from '../../../shared/result';
import type { CliContext } from '../context';

export function parseRegion(value: string): { x: number; y: number; width: number; height: number } {
  const parts = value.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new HandoffError('invalid-input', `--region must be x,y,width,height in pixels, not ${value}`);
  }
  const [x, y, width, height] = parts;
  return { x, y, width, height };
}

interface RecordFlags {
  seconds?: string;
  display?: string;
  region?: string;
  camera?: string;
  mic?: string;
  cameraOnly?: boolean;
  synthetic?: string | boolean;
  title?: string;
  publish?: boolean;
  share?: boolean;
  fps?: string;
  maxHeight?: string;
  progress?: boolean;
}

/**
 * The flags as a `recorder:start` request. A flag not given is left out, so core applies the saved recording settings
 * (fps, height, quality, bubble, devices) beneath it; --synthetic stands in for the devices it replaces.
 */
export function recordInput(flags: RecordFlags, seconds: number | null = null): RecordRequestInput {
  const device = (value: string | undefined, fallback: string | undefined) => (value === undefined ? fallback : value === 'none' ? null : value);
  const synthetic = flags.synthetic !== undefined && flags.synthetic !== false;
  const kind = typeof flags.synthetic === 'string' ? flags.synthetic : null;
  const input: RecordRequestInput = {
    display: flags.display,
    region: flags.region ? parseRegion(flags.region) : null,
    camera: device(flags.camera, synthetic ? 'synthetic' : undefined),
    mic: device(flags.mic, synthetic ? 'synthetic' : undefined),
    cameraOnly: Boolean(flags.cameraOnly),
    synthetic: kind === 'sync' ? 'sync' : kind ? { file: kind } : null,
    title: flags.title ?? '',
    publishOnStop: Boolean(flags.publish),
    maxSeconds: seconds,
  };
  if (flags.fps !== undefined) input.fps = Number(flags.fps);
  if (flags.maxHeight !== undefined) input.maxHeight = Number(flags.maxHeight);
  return input;
}

function describe(result: RecordingResult): string {
  const seconds = result.durationMs === null ? '?' : (result.durationMs / 1000).toFixed(1);
  return `Recorded ${seconds} s (${result.width}×${result.height}) → clip ${result.id}\n${result.videoPath}`;
}

const clock = (ms: number) => {
  const total = Math.floor(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
};

/**
 * What the terminal shows while recording. `progress`: every recorder event, and the live transcription's
 * (`transcripts:live`), as one JSON line on stderr (for scripts, and bench:record). Otherwise, on a terminal, one status line redrawn in place; in a pipe, only the warnings.
 */
function progressReporter(ctx: CliContext, progress: boolean): (event: string, payload: unknown) => void {
  const err = ctx.io.stderr;
  const live = !progress && !ctx.json && Boolean((err as NodeJS.WriteStream).isTTY);
  let statusShown = false;
  return (event, payload) => {
    if (progress) {
      if (event.startsWith('recorder:') || event === 'transcripts:live') err.write(`${JSON.stringify({ event, at: Date.now(), ...(payload as object) })}\n`);
      return;
    }
    if (event === 'recorder:warning') {
      err.write(`${statusShown ? '\n' : ''}warning: ${(payload as { message: string }).message}\n`);
      statusShown = false;
    } else if (event === 'recorder:progress' && live) {
      const p = payload as { elapsedMs: number; micLevelDb: number | null };
      const mic = p.micLevelDb === null ? '' : `  mic ${Number.isFinite(p.micLevelDb) ? `${Math.round(p.micLevelDb)} dB` : 'silent'}`;
      err.write(`\r\u25cf ${clock(p.elapsedMs)}${mic}\u001b[K`);
      statusShown = true;
    } else if (event === 'recorder:state' && statusShown && (payload as { state: string }).state !== 'recording') {
      err.write('\n');
      statusShown = false;
    }
  };
}

/**
 * Records with the given options until their maxSeconds pass, Enter is pressed, SIGINT/SIGTERM arrives or ffmpeg dies;
 * what was recorded is a clip either way. A failure is reported on stderr and sets the exit code.
 */
export async function recordUntilStopped(ctx: CliContext, input: RecordRequestInput, { progress = false, share = false } = {}): Promise<RecordingResult> {
  const core = ctx.core;
  await core.recorder.recover();
  // Subscribed before start, so --progress reports 'starting' and 'recording' too.
  const stopReporting = core.events.onAny(progressReporter(ctx, progress));
  const { id } = await ctx.call('recorder:start', input).catch((error: unknown) => {
    stopReporting();
    throw error;
  });
  const err = ctx.io.stderr;
  const seconds = input.maxSeconds ?? null;
  if (!ctx.json) err.write(`Recording ${id}${seconds ? ` for ${seconds} s` : ''}. Press Enter or Ctrl+C to stop.\n`);
  if (share) {
    // Copyable while talking: until the clip exists the page says the recording is in progress.
    const link = await ctx.call('share:forRecording', { id });
    const served = link.where === 'anywhere' ? 'the workspace bucket serves it' : 'served while Handoff or `handoff web` runs';
    err.write(`Share link (plays once you stop; ${served}): ${link.url}\n`);
  }
  const ended = core.recorder.whenEnded();
  const cleanups: (() => void)[] = [];
  const stopRequested = new Promise<void>((resolve) => {
    const onSignal = () => resolve();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    cleanups.push(() => process.off('SIGINT', onSignal), () => process.off('SIGTERM', onSignal));
    const onData = (chunk: Buffer | string) => {
      if (String(chunk).includes('\n')) resolve();
    };
    ctx.io.stdin.on('data', onData);
    cleanups.push(() => {
      ctx.io.stdin.off('data', onData);
      (ctx.io.stdin as NodeJS.ReadStream).pause?.();
    });
  });
  const result = await Promise.race([ended, stopRequested.then(() => core.recorder.stop())])
    .finally(() => cleanups.forEach((c) => c()))
    .catch((error: unknown) => {
      stopReporting();
      throw error;
    });
  // The clip is ready; what followed the recording (its live transcript's last window, the upload's head and tail)
  // finishes before the command returns, so the transcript is searchable once it has. Reported until then: a live
  // pass or upload that falls back at stop says so too.
  await core.recorder.whenFollowed(result.id).finally(stopReporting);
  if (result.error) {
    err.write(`handoff: ${result.error}\n`);
    ctx.exitCode = 1;
  }
  return result;
}

export function registerRecord(program: Command, context: () => CliContext) {
  program
    .command('record')
    .description('record the screen (with camera bubble and mic) until --seconds, Enter or Ctrl+C')
    .option('--seconds <n>', 'stop after this much recorded time')
    .option('--display <d>', 'X display / screen to record (default: $DISPLAY)')
    .option('--region <x,y,w,h>', 'record only this rectangle')
    .option('--camera <dev>', "camera device, 'synthetic', or none", undefined)
    .option('--mic <dev>', "microphone device, 'synthetic', or none")
    .option('--camera-only', 'record the camera alone, no screen')
    .option('--synthetic [source]', "synthetic camera and mic: a test pattern and tone, 'sync' (flash + beep), or a media file")
    .option('--title <t>', 'clip title')
    .option('--fps <n>', 'frames per second (default 30)')
    .option('--max-height <px>', 'output height cap (default 1080)')
    .option('--progress', 'print every recorder event (state, progress, mic level, warnings, live transcription) to stderr as a JSON line')
    .option('--share', 'print a share link at once, to copy while recording')
    .option('--publish', 'publish to the workspace when I stop (uploaded while recording, see workspace.publishWhileRecording)')
    .action(async (flags: RecordFlags) => {
      const ctx = context();
      const seconds = flags.seconds === undefined ? null : Number(flags.seconds);
      if (seconds !== null && !(seconds > 0)) throw new HandoffError('invalid-input', `--seconds must be a positive number, not ${flags.seconds}`);
      const result = await recordUntilStopped(ctx, recordInput(flags, seconds), {
        progress: Boolean(flags.progress),
        share: Boolean(flags.share),
      });
      // With live transcription, the transcript is complete (state 'done') by now.
      const transcript = result.status === 'ready' ? (ctx.core.transcription.getTranscript(result.id)?.state ?? null) : null;
      ctx.print(
        { id: result.id, status: result.status, durationMs: result.durationMs, videoPath: result.videoPath, width: result.width, height: result.height, error: result.error, transcript },
        () => describe(result),
      );
    });

  program
    .command('recover')
    .description('turn every recording a crash left behind into a clip')
    .action(async () => {
      const ctx = context();
      const { recovered } = await ctx.call('recorder:recover', {});
      ctx.print({ recovered }, () => (recovered.length ? recovered.map(describe).join('\n') : 'Nothing to recover.'));
    });
}
