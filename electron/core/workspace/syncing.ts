// Bringing teammates' updates in: one sync run at a time per library (the watcher, the poller and a manual `sync`
// share it), and the continuous sync a long-lived host runs. Clip rows change through the clips store (one
// clips:changed per run); what changed in events is `activity:changed`; every run ends with `sync:finished`.
import type { EventBus } from '../api/event-bus';
import type { ClipsStore } from '../library/clips-store';
import type { Db } from '../library/database';
import type { SettingsStore } from '../library/settings-store';
import type { Logger } from '../logger';
import type { WorkspaceConnection } from './connection';
import { watchFeed } from './feed-watcher';
import type { NormsStore } from './norms';
import type { PeopleService } from './people';
import { createSyncer, type SyncReport } from './sync';
import { mediaCacheDirOf } from '../media/media-cache';
import type { SyncStore } from './sync-store';
import type { WorkspaceTranscripts } from './transcripts';

export function createSyncing(deps: {
  db: Db;
  clips: ClipsStore;
  connection: WorkspaceConnection;
  people: PeopleService;
  store: SyncStore;
  transcripts: WorkspaceTranscripts;
  norms: NormsStore;
  settings: SettingsStore;
  events: EventBus;
  clock: () => Date;
  logger: Logger;
  clipsDir: string;
  dataDir: string;
}) {
  const { connection, clock, logger } = deps;
  let running: Promise<SyncReport> | null = null;

  async function sync(options: { full?: boolean } = {}): Promise<SyncReport> {
    if (running) return running;
    const me = deps.people.getProfile();
    running = createSyncer({
      db: deps.db, clips: deps.clips, backend: connection.backend(), store: deps.store, people: deps.people, clipsDir: deps.clipsDir,
      clock, logger, meId: me.id, transcripts: deps.transcripts, norms: deps.norms, mediaCacheDir: mediaCacheDirOf(deps.dataDir),
    })
      .run(options)
      .finally(() => {
        running = null;
      });
    const report = await running;
    if (report.changedClipIds.length) deps.events.emit('activity:changed', { clipIds: report.changedClipIds });
    deps.events.emit('sync:finished', {
      mode: report.mode,
      changed: report.changedClipIds.length,
      syncing: report.syncing.length,
      problems: report.problems.length,
    });
    return report;
  }

  /**
   * Keeps the library in step while the app or browser mode runs: a folder is watched (debounced), a bucket is polled
   * incrementally; a full pass runs every hour to catch writers whose clocks are far behind. Returns the stop function.
   */
  function startContinuousSync(): () => void {
    let timer: NodeJS.Timeout | null = null;
    let unwatch: (() => void) | null = null;
    let lastFull = clock().getTime();
    const runOnce = () => {
      const full = clock().getTime() - lastFull > 3_600_000;
      if (full) lastFull = clock().getTime();
      sync({ full }).catch((error: unknown) => logger.warn('background sync failed; retrying later', { error }));
    };
    const schedule = (ms: number) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(runOnce, ms);
    };
    const current = connection.info();
    if (current.kind === 'folder' && current.folder) {
      connection.backend(); // creates the default folder on first run, so there is something to watch
      unwatch = watchFeed(current.folder, () => schedule(300), logger);
    }
    const poll = setInterval(runOnce, deps.settings.get()['workspace.pollSeconds'] * 1000);
    schedule(0);
    return () => {
      if (timer) clearTimeout(timer);
      clearInterval(poll);
      unwatch?.();
    };
  }

  return { sync, startContinuousSync, problems: () => deps.store.problems() };
}
