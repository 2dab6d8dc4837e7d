// One running ffmpeg part: spawned with an argument array, progress from stdout, mic meter and errors from stderr,
// stopped with `q` on stdin (ffmpeg then writes its last segment and closes the playlist).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { tail } from '../system/run';
import { createProgressParser, parseMeterLine, type ProgressBlock } from './ffmpeg-output';

export interface PartExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderrTail: string;
  /** True when we asked it to stop; anything else is a crash. */
  requested: boolean;
}

export interface RunningPart {
  pid: number | null;
  exited: Promise<PartExit>;
  /** Asks ffmpeg to finish (q), escalating to SIGTERM and SIGKILL if it does not exit in time. */
  stop(): Promise<PartExit>;
}

export function startPart(options: {
  ffmpegPath: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  onProgress: (block: ProgressBlock) => void;
  onMeter: (db: number) => void;
  /** Lines of the log that are not meter readings (to spot errors ffmpeg survives, like a full disk). */
  onLogLine?: (line: string) => void;
  onSpawnError: (error: Error) => void;
}): RunningPart {
  let requested = false;
  let stderr = '';
  const child: ChildProcess = spawn(options.ffmpegPath, options.args, { stdio: ['pipe', 'pipe', 'pipe'], env: options.env, windowsHide: true });
  const parse = createProgressParser(options.onProgress);
  createInterface({ input: child.stdout! }).on('line', parse);
  createInterface({ input: child.stderr! }).on('line', (line) => {
    const level = parseMeterLine(line);
    if (level !== null) {
      options.onMeter(level);
      return;
    }
    stderr = tail(stderr + line + '\n', 8000);
    options.onLogLine?.(line);
  });
  // A closed stdin (ffmpeg already gone) must not crash the recorder.
  child.stdin!.on('error', (error) => void error);
  const exited = new Promise<PartExit>((resolve) => {
    child.once('error', (error) => {
      options.onSpawnError(error);
      resolve({ code: null, signal: null, stderrTail: String(error), requested });
    });
    child.once('close', (code, signal) => resolve({ code, signal, stderrTail: tail(stderr, 2000), requested }));
  });
  let stopping: Promise<PartExit> | null = null;
  return {
    pid: child.pid ?? null,
    exited,
    stop() {
      stopping ??= (async () => {
        requested = true;
        child.stdin!.end('q\n');
        const timers: NodeJS.Timeout[] = [
          setTimeout(() => child.kill('SIGTERM'), 10_000),
          setTimeout(() => child.kill('SIGKILL'), 20_000),
        ];
        const result = await exited;
        for (const timer of timers) clearTimeout(timer);
        return { ...result, requested: true };
      })();
      return stopping;
    },
  };
}
