// The recorder as compose.ts builds it: wired to the library, settings, event bus and binary lookup, with crash
// recovery started at once. Kept here so compose.ts stays a list of one-liners.
import path from 'node:path';
import type { EventBus } from '../api/event-bus';
import type { Db } from '../library/database';
import type { SettingsStore } from '../library/settings-store';
import type { Logger } from '../logger';
import type { FollowerFactory } from './follower';
import { createRecorder, type Recorder } from './recorder';

export function createCoreRecorder(deps: {
  db: Db;
  dataDir: string;
  clipsDir: string;
  clock: () => Date;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  events: EventBus;
  settings: SettingsStore;
  locateFfmpeg: () => Promise<string | null>;
  /** Called once per new recorded clip (the lead wires transcription here). */
  onClipAdded?: (clipId: string) => void | Promise<void>;
  /** What follows each recording while it runs (live transcription, publishing while recording). */
  followers?: () => FollowerFactory[];
}): { recorder: Recorder; stop: () => void } {
  const recorder = createRecorder({
    db: deps.db,
    clipsDir: deps.clipsDir,
    recordingsDir: path.join(deps.dataDir, 'recordings'),
    cacheDir: path.join(deps.dataDir, 'cache'),
    clock: deps.clock,
    logger: deps.logger,
    env: deps.env,
    platform: deps.platform,
    locateFfmpeg: deps.locateFfmpeg,
    profile: () => {
      const settings = deps.settings.get();
      return { name: settings['profile.name'], timezone: settings['profile.timezone'] };
    },
    emit: (event, payload) => deps.events.emit(event, payload),
    followers: deps.followers,
    onClipAdded: async (id) => {
      deps.events.emit('clips:changed', { ids: [id] });
      await deps.onClipAdded?.(id);
    },
  });
  // Crashed recordings become clips on every start. Closing the core aborts a recovery still running; it is
  // idempotent and resumes next time.
  const recovery = new AbortController();
  void recorder.recover(recovery.signal).catch((error: unknown) => {
    if (!recovery.signal.aborted) deps.logger.error('recovering recordings failed', { error });
  });
  return { recorder, stop: () => recovery.abort() };
}
