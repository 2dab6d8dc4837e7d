// Speech for the benches' mic: flite's voice played into a private PulseAudio server's vsink (heard on vmic), again and
// again with a second of silence between, so a recognizer has words to hear for a whole run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const SPEECH = 'please review the budget report before friday. the release plan is ready for testing. call me when you are back in the office.';

export function speechWav(dir: string, text = SPEECH): string {
  const wav = path.join(dir, 'speech.wav');
  const made = spawnSync('flite', ['-voice', 'rms', '-t', text, '-o', wav]);
  if (made.status !== 0) throw new Error(`flite failed: ${String(made.stderr)}`);
  return wav;
}

/** Plays `wav` into vsink in a loop until the returned function is called. */
export function speakInLoop(env: NodeJS.ProcessEnv, wav: string): () => void {
  let stopped = false;
  let current: ChildProcess | null = null;
  let pause: NodeJS.Timeout | null = null;
  const next = () => {
    if (stopped) return;
    current = spawn('paplay', ['--device=vsink', wav], { env, stdio: 'ignore' });
    current.once('exit', () => {
      current = null;
      pause = setTimeout(next, 1000);
    });
  };
  next();
  return () => {
    stopped = true;
    if (pause) clearTimeout(pause);
    current?.kill();
  };
}
