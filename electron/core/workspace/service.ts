// The workspace service: which storage is in use (from settings), publishing, sync and the inbox; events on updates
// are events.ts's job. Composed
// once per entry point with its dependencies; holds no global state.
import { mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Inbox } from '../../../shared/inbox';
import { HandoffError } from '../../../shared/result';
import type { S3Client } from '@aws-sdk/client-s3';
import type { EventBus } from '../api/event-bus';
import { getClip, updateClip } from '../library/clips-store';
import type { Db } from '../library/database';
import type { SettingsStore } from '../library/settings-store';
import type { Logger } from '../logger';
import { ffprobeNextTo } from '../media/probe';
import type { WorkspaceBackend } from './backend';
import { WORKSPACE_SCHEMA, keys, type EventFile } from './files';
import { watchFeed } from './feed-watcher';
import { createFolderBackend } from './folder-backend';
import { editClip, replyFromFile, type ClipEdit } from './local-clips';
import { readInbox } from './inbox-query';
import { createPeople } from './people';
import { createNormsStore } from './norms';
import { digestFor, overlapFor, recipientsOf } from './norms-query';
import type { Norms } from '../../../shared/norms/reply-by';
import { createCalendarCache } from '../../../shared/norms/calendar';
import { publishClip, publishEvent, writeFeed } from './publish';
import { createS3Backend, createS3Client, s3KeyRoot, type S3Options } from './s3-backend';
import { createSyncer, type SyncReport } from './sync';
import { createSyncStore } from './sync-store';
import { createWorkspaceTranscripts } from './transcripts';
import { createWorkspaceEvents } from './events';

export interface WorkspaceDeps {
  db: Db;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  clock: () => Date;
  env: NodeJS.ProcessEnv;
  paths: { dataDir: string; clipsDir: string };
  locate: (name: string, envVar: string) => Promise<string | null>;
}

export interface WorkspaceInfo {
  kind: 'folder' | 's3';
  description: string;
  folder: string | null;
  s3: S3Options | null;
  autoPublish: boolean;
}

export function createWorkspaceService(deps: WorkspaceDeps) {
  const { db, settings, clock, logger } = deps;
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
  const transcripts = createWorkspaceTranscripts({ db, clipsDir: deps.paths.clipsDir, clock, logger });
  let cached: { signature: string; backend: WorkspaceBackend } | null = null;
  let running: Promise<SyncReport> | null = null;

  function info(): WorkspaceInfo {
    const s = settings.get();
    const folder = s['workspace.folder'] || path.join(deps.paths.dataDir, 'workspace');
    const s3: S3Options = {
      endpoint: s['workspace.s3.endpoint'],
      bucket: s['workspace.s3.bucket'],
      prefix: s['workspace.s3.prefix'],
      region: s['workspace.s3.region'],
      pathStyle: s['workspace.s3.pathStyle'],
    };
    const kind = s['workspace.kind'];
    return {
      kind,
      description: kind === 'folder' ? folder : `s3://${s3.bucket}/${s3.prefix}${s3.endpoint ? ` at ${s3.endpoint}` : ''}`,
      folder: kind === 'folder' ? folder : null,
      s3: kind === 's3' ? s3 : null,
      autoPublish: s['workspace.autoPublish'],
    };
  }

  function backend(): WorkspaceBackend {
    const current = info();
    const signature = JSON.stringify([current.kind, current.folder, current.s3]);
    if (cached?.signature === signature) return cached.backend;
    cached?.backend.close();
    let made: WorkspaceBackend;
    if (current.kind === 'folder') {
      // The default workspace is created on first use, so a single machine works with no setup.
      mkdirSync(current.folder as string, { recursive: true });
      made = createFolderBackend(current.folder as string);
    } else {
      if (!current.s3?.bucket) throw new HandoffError('invalid-input', 'The S3 workspace has no bucket: run `handoff workspace use-s3`.');
      made = createS3Backend(current.s3, deps.env);
    }
    cached = { signature, backend: made };
    return made;
  }

  /** On an S3 workspace: its bucket, key prefix and a new client for it (the caller destroys it); null on a folder. */
  async function s3Access(): Promise<{ client: S3Client; bucket: string; prefix: string; publicBase: string | null } | null> {
    const current = info();
    if (current.kind !== 's3' || !current.s3) return null;
    if (!current.s3.bucket) throw new HandoffError('invalid-input', 'The S3 workspace has no bucket: run `handoff workspace use-s3`.');
    const publicBase = settings.get()['workspace.s3.publicUrl'] || null;
    return { client: await createS3Client(current.s3, deps.env), bucket: current.s3.bucket, prefix: s3KeyRoot(current.s3.prefix), publicBase };
  }

  async function whenIdle(): Promise<void> {
    while (inFlight.size) await Promise.all([...inFlight]);
  }

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
    await publishProfile();
    return info();
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
    await publishProfile().catch((error: unknown) => logger.warn('could not write my profile to the bucket yet; it goes with the next publish', { error }));
    return info();
  }

  async function publishProfile(): Promise<void> {
    const me = people.getProfile();
    const b = backend();
    const key = keys.person(me.id);
    const body = Buffer.from(JSON.stringify(people.personFile(me), null, 2));
    await b.replace(key, body);
    await writeFeed(b, key, clock);
  }

  async function publish(id: string) {
    const me = people.getProfile();
    const result = await publishClip({ db, backend: backend(), store, clipsDir: deps.paths.clipsDir, clock, me, id, transcripts });
    if (!result.alreadyPublished) await publishProfile();
    // Events I added while the clip was still local (a decision, say) go out with it.
    const local = db
      .prepare(
        `SELECT id, clip_id AS clipId, kind, author_id AS authorId, author_name AS authorName, created_at AS createdAt, at_ms AS atMs,
           emoji, text, reply_clip_id AS replyClipId, parent_id AS parentId FROM events WHERE clip_id = ? AND author_id = ?`,
      )
      .all(id, me.id) as (Omit<EventFile, 'schema' | 'author'> & { authorId: string; authorName: string })[];
    for (const e of local) {
      if (store.indexedHash(keys.event(id, e.id)) !== null) continue;
      const { authorId, authorName, ...rest } = e;
      await publishEvent({ backend: backend(), store, clock }, { schema: WORKSPACE_SCHEMA, ...rest, author: { id: authorId, name: authorName } });
    }
    deps.events.emit('clips:changed', { ids: [id] });
    return result;
  }

  const { addEvent, listEvents } = createWorkspaceEvents({ db, clock, people, backend, store, events: deps.events });

  /**
   * Makes a clip already in the library (a reply just recorded) the answer to `parentId`: replyTo set (unless it was
   * published without one, which cannot change), published when the parent is, and the reply event added.
   */
  async function replyWithClip(parentId: string, clipId: string) {
    const parent = getClip(db, parentId);
    let clip = getClip(db, clipId);
    if (clip.id === parent.id) throw new HandoffError('invalid-input', 'A clip cannot reply to itself.');
    if (clip.source === 'workspace') throw new HandoffError('invalid-input', `Clip ${clipId} is a teammate's; reply with one of yours.`);
    if (clip.reply_to !== parent.id) {
      if (clip.published_at) throw new HandoffError('conflict', `Clip ${clipId} was already published as an answer to something else.`);
      clip = updateClip(db, clip.id, { replyTo: parent.id }, clock());
      deps.events.emit('clips:changed', { ids: [clip.id] });
    }
    // An auto-publish of the new clip may be under way; publishing twice at once would race on the same files.
    await whenIdle();
    clip = getClip(db, clip.id);
    if (!clip.published_at && (parent.source === 'workspace' || parent.published_at)) await publish(clip.id);
    const event = await addEvent({ clipId: parentId, kind: 'reply', replyClipId: clip.id });
    return { clipId: clip.id, event: event.event };
  }

  async function reply(parentId: string, file: string) {
    const ffmpeg = await deps.locate('ffmpeg', 'HANDOFF_FFMPEG');
    const me = people.getProfile();
    const clip = await replyFromFile({ db, clipsDir: deps.paths.clipsDir, ffmpeg, ffprobe: ffmpeg ? ffprobeNextTo(ffmpeg) : null, me, now: clock(), parentId, file });
    const parent = getClip(db, parentId);
    // A reply to a teammate's update goes to the workspace, like the update did.
    if (parent.source === 'workspace' || parent.published_at) await publish(clip.id);
    const event = await addEvent({ clipId: parentId, kind: 'reply', replyClipId: clip.id });
    return { clipId: clip.id, event: event.event };
  }

  async function sync(options: { full?: boolean } = {}): Promise<SyncReport> {
    // One sync at a time per library: the watcher, the poller and a manual `sync` share the same run.
    if (running) return running;
    const me = people.getProfile();
    running = createSyncer({ db, backend: backend(), store, people, clipsDir: deps.paths.clipsDir, clock, logger, meId: me.id, transcripts, norms: normsStore })
      .run(options)
      .finally(() => {
        running = null;
      });
    const report = await running;
    if (report.changedClipIds.length) deps.events.emit('clips:changed', { ids: report.changedClipIds });
    deps.events.emit('sync:finished', {
      mode: report.mode,
      changed: report.changedClipIds.length,
      syncing: report.syncing.length,
      problems: report.problems.length,
    });
    return report;
  }

  function inbox(options: { viewerTimezone?: string; now?: string } = {}): Inbox {
    return readInbox({ db, me: people.getProfile(), clock, norms: normsStore.current().norms, calendars }, options);
  }

  const norms = {
    get: () => normsStore.current(),
    publish: async (patch: Partial<Norms>) => {
      const me = people.getProfile();
      const published = await normsStore.publish({ backend: backend(), clock, me }, patch);
      // Every open ask's replyBy moves with the norms: views listening for clip changes reload.
      deps.events.emit('clips:changed', { ids: [] });
      return published;
    },
    recipients: (id: string, options: { now?: string } = {}) =>
      recipientsOf({ db, me: people.getProfile(), norms: normsStore.current().norms, clock }, id, options),
    overlap: (options: { people?: string[]; days: number; minPeople?: number; now?: string }) => overlapFor({ db, me: people.getProfile(), clock }, options),
    digest: (options: { now?: string } = {}) =>
      digestFor({ db, me: people.getProfile(), norms: normsStore.current().norms, clock, lastShownAt: settings.get()['digest.lastShownAt'] }, options),
    dismissDigest: (options: { now?: string } = {}) => {
      const at = options.now ? new Date(options.now).toISOString() : clock().toISOString();
      settings.set({ 'digest.lastShownAt': at });
      return { lastShownAt: at };
    },
  };


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
    const current = info();
    if (current.kind === 'folder' && current.folder) {
      backend(); // creates the default folder on first run, so there is something to watch
      unwatch = watchFeed(current.folder, () => schedule(300), logger);
    }
    const poll = setInterval(runOnce, settings.get()['workspace.pollSeconds'] * 1000);
    schedule(0);
    return () => {
      if (timer) clearTimeout(timer);
      clearInterval(poll);
      unwatch?.();
    };
  }

  // Auto-publish: when the setting is on, a clip of mine that becomes ready is published. Driven by the clips:changed
  // event every producer (recorder, import, edit) already emits, so no producer needs to know about the workspace.
  const inFlight = new Set<Promise<unknown>>();
  const track = (job: Promise<unknown>) => {
    const tracked = job.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  const unsubscribe = deps.events.onAny((event, payload) => {
    if (event === 'jobs:progress') {
      // A transcript finished after the update went out is published too (a new write-once file, announced in the feed).
      const job = payload as { clipId: string; state: string };
      if (job.state !== 'done') return;
      const clip = db.prepare('SELECT source, published_at FROM clips WHERE id = ?').get(job.clipId) as { source: string; published_at: string | null } | undefined;
      if (!clip || clip.source === 'workspace' || !clip.published_at) return;
      const b = backend();
      track(
        Promise.all([...inFlight]).then(() =>
          transcripts
            .publishLater(b, job.clipId, (key) => writeFeed(b, key, clock))
            .catch((error: unknown) => logger.warn('publishing a new transcript failed; it goes out with the next one', { clipId: job.clipId, error })),
        ),
      );
      return;
    }
    if (event !== 'clips:changed' || !settings.get()['workspace.autoPublish']) return;
    for (const id of (payload as { ids: string[] }).ids) {
      const clip = db.prepare('SELECT source, state, published_at FROM clips WHERE id = ?').get(id) as
        | { source: string; state: string; published_at: string | null }
        | undefined;
      if (!clip || clip.source === 'workspace' || clip.state !== 'ready' || clip.published_at) continue;
      const job = publish(id)
        .catch((error: unknown) => logger.warn('auto-publish failed; publish it with `handoff publish`', { id, error }))
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
    }
  });

  return {
    info,
    /** The workspace's storage as the settings name it now (lazy media reads teammates' videos through it). */
    backend,
    useFolder,
    useS3,
    s3Access,
    people,
    publish,
    publishProfile,
    /** Saves my profile and rewrites my people/ file in the workspace (reported, not fatal, when it cannot be reached). */
    async setProfile(input: Parameters<typeof people.setProfile>[0]) {
      const profile = people.setProfile(input);
      await publishProfile().catch((error: unknown) => logger.warn('could not write my profile to the workspace yet; it goes with the next publish', { error }));
      return profile;
    },
    addEvent,
    listEvents,
    reply,
    replyWithClip,
    edit: (id: string, edit: ClipEdit) => {
      const clip = editClip(db, id, edit, clock());
      deps.events.emit('clips:changed', { ids: [id] });
      return clip;
    },
    sync,
    inbox,
    norms,
    problems: () => store.problems(),
    startContinuousSync,
    /** Resolves when every auto-publish started so far has finished (a CLI command awaits it before exiting). */
    whenIdle,
    close: () => {
      unsubscribe();
      cached?.backend.close();
    },
  };
}
export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
