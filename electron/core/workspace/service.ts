// The workspace as one service for the API handlers and hosts, composed from parts with one job each: which storage
// (connection.ts), joining it (below), publishing my things (publishing.ts), events on updates (events.ts), replies and
// edits (replies.ts), bringing teammates' things in (syncing.ts), the inbox (inbox-query.ts) and the team's norms
// (norms-service.ts). Composed once per entry point with its dependencies; holds no global state.
import { mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Inbox } from '../../../shared/inbox';
import { HandoffError } from '../../../shared/result';
import { createCalendarCache } from '../../../shared/norms/calendar';
import type { EventBus } from '../api/event-bus';
import type { ClipsStore } from '../library/clips-store';
import type { Db } from '../library/database';
import type { SettingsStore } from '../library/settings-store';
import type { Logger } from '../logger';
import { createWorkspaceConnection, type WorkspaceInfo } from './connection';
import { createWorkspaceEvents } from './events';
import { readInbox, type InboxWindow } from './inbox-query';
import { withCounts } from './inbox-counts';
import { createNormsStore } from './norms';
import { createNormsService } from './norms-service';
import { createPeople } from './people';
import { createPublishing } from './publishing';
import { createReplies } from './replies';
import { createSyncStore } from './sync-store';
import { createSyncing } from './syncing';
import { createWorkspaceTranscripts } from './transcripts';

export type { WorkspaceInfo } from './connection';

export interface WorkspaceDeps {
  db: Db;
  /** The one writer of clip rows. */
  clips: ClipsStore;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  clock: () => Date;
  env: NodeJS.ProcessEnv;
  paths: { dataDir: string; clipsDir: string };
  locate: (name: string, envVar: string) => Promise<string | null>;
  /** Runs before a clip is published (renders an edited clip's edited version: core/edit). */
  beforePublish?: (id: string) => Promise<void>;
  /** Chunk sizes when publishing while recording (see ComposeOptions.livePublishTuning). */
  liveTuning?: { chunkBytes?: number };
}

export function createWorkspaceService(deps: WorkspaceDeps) {
  const { db, clips, settings, clock, logger, events } = deps;
  const clipsDir = deps.paths.clipsDir;
  const store = createSyncStore(db, clock);
  const normsStore = createNormsStore(db);
  // Working calendars keep what they worked out (shifts, offsets, sums) from one inbox read to the next.
  const calendars = createCalendarCache();
  const people = createPeople({
    db,
    settings,
    clock,
    detectTimezone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    defaultName: deps.env.USER || deps.env.USERNAME || os.userInfo().username || 'Me',
  });
  const transcripts = createWorkspaceTranscripts({ db, clipsDir, clock, logger });
  const connection = createWorkspaceConnection({ settings, env: deps.env, dataDir: deps.paths.dataDir });
  const publishing = createPublishing({
    db, clips, connection, people, store, transcripts, settings, events, clock, logger, clipsDir, dataDir: deps.paths.dataDir,
    beforePublish: deps.beforePublish, liveTuning: deps.liveTuning,
  });
  const { addEvent, listEvents } = createWorkspaceEvents({ db, clock, people, backend: connection.backend, store, events });
  const replies = createReplies({ db, clips, people, publishing, addEvent, clock, clipsDir, locate: deps.locate });
  const syncing = createSyncing({ db, clips, connection, people, store, transcripts, norms: normsStore, settings, events, clock, logger, clipsDir, dataDir: deps.paths.dataDir });
  const norms = createNormsService({ db, normsStore, connection, people, settings, events, clock });

  /**
   * Switches to a folder workspace and joins it: my people/ file is written there at once, so teammates see me before
   * I publish anything. A folder that does not exist is created only when the caller says so (`create`): a typo must
   * not silently become an empty workspace nobody else uses.
   */
  async function useFolder(dir: string, options: { create?: boolean } = {}): Promise<WorkspaceInfo> {
    const resolved = path.resolve(dir);
    const found = statSync(resolved, { throwIfNoEntry: false });
    if (found && !found.isDirectory()) throw new HandoffError('invalid-input', `${resolved} is a file, not a folder.`);
    if (!found) {
      if (!options.create) {
        throw new HandoffError('not-found', `The folder ${resolved} does not exist. Pick an existing folder, or confirm creating it (--create).`);
      }
      mkdirSync(resolved, { recursive: true });
    }
    settings.set({ 'workspace.kind': 'folder', 'workspace.folder': resolved });
    await publishing.publishProfile();
    return connection.info();
  }

  async function useS3(options: { endpoint: string; bucket: string; prefix?: string; region?: string; pathStyle?: boolean }): Promise<WorkspaceInfo> {
    if (options.endpoint && !/^https?:\/\//.test(options.endpoint)) throw new HandoffError('invalid-input', 'The endpoint must be an http(s) URL.');
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(options.bucket)) throw new HandoffError('invalid-input', `Not a bucket name: ${options.bucket}`);
    settings.set({
      'workspace.kind': 's3',
      'workspace.s3.endpoint': options.endpoint,
      'workspace.s3.bucket': options.bucket,
      'workspace.s3.prefix': options.prefix ?? '',
      'workspace.s3.region': options.region ?? '',
      'workspace.s3.pathStyle': options.pathStyle ?? false,
    });
    // Joining writes my people/ file; a bucket may still be waiting for credentials, so that is reported, not fatal.
    await publishing.publishProfile().catch((error: unknown) => logger.warn('could not write my profile to the bucket yet; it goes with the next publish', { error }));
    return connection.info();
  }

  return {
    info: connection.info,
    /** The workspace's storage as the settings name it now (lazy media reads teammates' videos through it). */
    backend: connection.backend,
    useFolder,
    useS3,
    s3Access: connection.s3Access,
    people,
    publish: publishing.publish,
    publishProfile: publishing.publishProfile,
    /** Saves my profile and rewrites my people/ file in the workspace (reported, not fatal, when it cannot be reached). */
    async setProfile(input: Parameters<typeof people.setProfile>[0]) {
      const profile = people.setProfile(input);
      await publishing.publishProfile().catch((error: unknown) => logger.warn('could not write my profile to the workspace yet; it goes with the next publish', { error }));
      return profile;
    },
    addEvent,
    listEvents,
    reply: replies.reply,
    replyWithClip: replies.replyWithClip,
    edit: replies.edit,
    sync: syncing.sync,
    inbox: (options: InboxWindow & { viewerTimezone?: string; now?: string } = {}): Inbox =>
      withCounts(db, readInbox({ db, me: people.getProfile(), clock, norms: normsStore.current().norms, calendars }, options)),
    norms,
    problems: syncing.problems,
    startContinuousSync: syncing.startContinuousSync,
    whenIdle: publishing.whenIdle,
    /** Publishing while recording: the recorder's follower, and cleanup of what a crash left. */
    live: publishing.live,
    close: () => {
      publishing.close();
      connection.close();
    },
  };
}
export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
