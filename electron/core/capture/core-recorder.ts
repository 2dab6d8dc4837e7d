// The recorder as compose.ts builds it: wired to the library, event bus and binary lookup, with crash
// recovery started at once. Kept here so compose.ts stays a list of one-liners.
import path from 'node:path';
import type { EventBus } from '../api/event-bus';
import type { Library } from '../library/library';
import type { Logger } from '../logger';
import type { FollowerFactory } from './follower';
import { createRecorder, type Recorder } from './recorder';

export function createCoreRecorder(deps: {
  library: Pick<Library, 'addRecording' | 'clipFacts'>;
  dataDir: string;
  clipsDir: string;
  clock: () => Date;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  events: EventBus;
  locateFfmpeg: () => Promise<string | null>;
  /** What follows each recording while it runs (live transcription, publishing while recording). */
  followers?: () => FollowerFactory[];
}): { recorder: Recorder; stop: () => void; recovered: Promise<void> } {
  const recorder = createRecorder({
    clipsDir: deps.clipsDir,
    recordingsDir: path.join(deps.dataDir, 'recordings'),
    cacheDir: path.join(deps.dataDir, 'cache'),
    clock: deps.clock,
    logger: deps.logger,
    env: deps.env,
    platform: deps.platform,
    locateFfmpeg: deps.locateFfmpeg,
    emit: (event, payload) => deps.events.emit(event, payload),
    followers: deps.followers,
    // The recorder hands finished recordings to the library, the way an import is added: one writer of clip rows.
    clipFacts: (id) => deps.library.clipFacts(id),
    addRecording: (recording) => deps.library.addRecording(recording),
  });
  // Crashed recordings become clips on every start. Closing the core aborts a recovery still running; it is
  // idempotent and resumes next time.
  const recovery = new AbortController();
  const recovered = recorder.recover(recovery.signal).then(
    () => undefined,
    (error: unknown) => {
      if (!recovery.signal.aborted) deps.logger.error('recovering recordings failed', { error });
    },
  );
  // `recovered` settles when this start's recovery is over, whether or not it succeeded (what follows it, such as
  // finishing the share links of crashed recordings, works on whatever it left).
  return { recorder, stop: () => recovery.abort(), recovered };
}
