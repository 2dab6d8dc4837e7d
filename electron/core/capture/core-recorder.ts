// The recorder as compose.ts builds it: wired to the library, event bus and binary lookup, with crash
// recovery started at once. Kept here so compose.ts stays a list of one-liners.
import path from 'node:path';
import type { EventBus } from '../api/event-bus';
import type { Library } from '../library/library';
import type { Logger } from '../logger';
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
}): { recorder: Recorder; stop: () => void } {
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
    // The recorder hands finished recordings to the library, the way an import is added: one writer of clip rows.
    clipFacts: (id) => deps.library.clipFacts(id),
    addRecording: (recording) => deps.library.addRecording(recording),
  });
  // Crashed recordings become clips on every start. Closing the core aborts a recovery still running; it is
  // idempotent and resumes next time.
  const recovery = new AbortController();
  void recorder.recover(recovery.signal).catch((error: unknown) => {
    if (!recovery.signal.aborted) deps.logger.error('recovering recordings failed', { error });
  });
  return { recorder, stop: () => recovery.abort() };
}
