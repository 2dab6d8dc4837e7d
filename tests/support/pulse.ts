// A PulseAudio server of the test file's own (socket in a temp folder) with a null sink `vsink` and a source `vmic`
// that hears whatever is played into vsink. Always its own, even when PULSE_SERVER names one (CI starts one): vitest
// runs test files side by side, and speech one file plays into a shared vsink masked the beeps another file listened
// for (a flash 470 ms from its nearest detected beep) and would break a "mic stays silent" check.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PulseHandle {
  server: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export function pulseAvailable(): boolean {
  return spawnSync('pulseaudio', ['--version']).status === 0;
}

export async function startPulse(): Promise<PulseHandle> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-pulse-'));
  const socket = path.join(dir, 'pulse.sock');
  const child: ChildProcess = spawn(
    'pulseaudio',
    [
      '-n', '--daemonize=no', '--exit-idle-time=-1', '--disable-shm=yes', '--use-pid-file=no',
      `--load=module-native-protocol-unix socket=${socket} auth-anonymous=1`,
      '--load=module-null-sink sink_name=vsink',
      '--load=module-remap-source master=vsink.monitor source_name=vmic',
    ],
    { stdio: 'ignore', env: { ...process.env, HOME: dir, XDG_RUNTIME_DIR: dir, PULSE_RUNTIME_PATH: dir } },
  );
  for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!existsSync(socket)) {
    child.kill('SIGKILL');
    throw new Error('pulseaudio did not start');
  }
  const server = `unix:${socket}`;
  return {
    server,
    env: { ...process.env, PULSE_SERVER: server },
    async stop() {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Speech from flite played into vsink (heard on vmic); resolves when playback ends. */
export async function playSpeech(env: NodeJS.ProcessEnv, text: string, dir: string): Promise<void> {
  const wav = path.join(dir, 'speech.wav');
  const made = spawnSync('flite', ['-voice', 'rms', '-t', text, '-o', wav]);
  if (made.status !== 0) throw new Error(`flite failed: ${String(made.stderr)}`);
  await playWav(env, wav);
}

/** Plays a WAV into vsink (heard on vmic); resolves when playback ends. */
export async function playWav(env: NodeJS.ProcessEnv, wav: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn('paplay', ['--device=vsink', wav], { env, stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`paplay exited ${code}`))));
  });
}
