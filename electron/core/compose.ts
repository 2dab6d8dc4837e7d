// Composes the core once per entry point (Electron main, CLI, browser mode, tests). Everything the services need is
// passed in here; nothing in core reaches for globals.
import { preparePrivateDataDir } from './system/data-dir';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createDispatcher, type Dispatch, type Handlers } from './api/dispatch';
import { createEventBus, type EventBus } from './api/event-bus';
import { appHandlers } from './api/app-handlers';
import { clipsHandlers } from './api/clips-handlers';
import { searchHandlers } from './api/search-handlers';
import { settingsHandlers } from './api/settings-handlers';
import { transcriptionHandlers } from './api/transcription-handlers';
import { workspaceHandlers } from './api/workspace-handlers';
import { shareHandlers } from './api/share-handlers';
import { recordingLinksFollower } from './share/recording-links';
import { createShareService, shareBaseUrl } from './share/share-service';
import { recorderHandlers } from './api/recorder-handlers';
import { decisionsHandlers } from './api/decisions-handlers';
import { shareServerHandlers } from './api/share-server-handlers';
import { importsHandlers } from './api/imports-handlers';
import { createUploadImports } from './library/upload-import';
import { probeLocalLink } from './share/probe';
import { createShareRunner, type ShareRunner } from './share/share-runner';
import { startShareServer } from './share/share-server';
import { createPendingLinks } from './share/pending-links';
import { normsHandlers } from './api/norms-handlers';
import { editHandlers } from './api/edit-handlers';
import { createEditService, type EditService } from './edit/edit-service';
import { linksFollowEdits } from './share/links-follow-edits';
import { createCoreRecorder } from './capture/core-recorder';
import type { Recorder } from './capture/recorder';
import { openDatabase, type Db } from './library/database';
import { createLibrary, type Library } from './library/library';
import { createClipsStore, type ClipsStore, type ClipsWriter } from './library/clips-store';
import { createSettingsStore } from './library/settings-store';
import type { Logger } from './logger';
import { locateBinary } from './system/binaries';
import { chooseNativeBinding, type RuntimeId } from './system/native-binding';
import { createTranscriptionService, type TranscriptionDeps, type TranscriptionService } from './transcribe/service';
import { createWorkspaceService, type WorkspaceService } from './workspace/service';
import { createNotifier, type Notifier } from './notify/notifier';
import { mediaHandlers } from './api/media-handlers';
import { mediaDoctorCheck } from './doctor/media-check';
import { createMediaCache, mediaCacheDirOf, type MediaCache } from './media/media-cache';
import { createRemoteMedia, needsMyReply, type RemoteMedia } from './workspace/remote-media';

export interface CoreOptions {
  dataDir: string;
  /** Where resources/ lives (repository root in development, app resources when packaged). */
  resourcesDir: string;
  version: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  logger: Logger;
  clock: () => Date;
  /**
   * The folder holding `native/<runtime>-<abi>/` builds of better-sqlite3 (the checkout, or a packaged app's
   * resources); see system/native-binding.ts. Absent: the package's own build.
   */
  nativeRoot?: string | null;
  /**
   * The runtime whose build to load; by default this thread's. The worker core gets its host's (core/worker/): the
   * host's thread is certain to know it runs in Electron, and a worker thread shares its binary and ABI.
   */
  runtime?: RuntimeId;
  /** Live transcription's window sizes and give-up thresholds (tests and benches make them small). */
  liveTuning?: TranscriptionDeps['liveTuning'];
  /**
   * The chunk size when publishing while recording (default 1 MiB; 64 KiB … 64 MiB, the manifest's bounds): tests go
   * small to see many chunks in seconds. Any size works on real S3 (each chunk is its own object).
   */
  livePublishTuning?: { chunkBytes?: number };
}

export interface Core {
  options: CoreOptions;
  db: Db;
  events: EventBus;
  /** The one writer of clip rows (emits clips:changed). */
  clips: ClipsStore;
  library: Library;
  dispatch: Dispatch;
  recorder: Recorder;
  paths: { dataDir: string; clipsDir: string; modelsDir: string; database: string; mediaCacheDir: string };
  /** Models, job queue, transcripts. Long-lived hosts call transcription.start(); await transcription.stop() before close(). */
  transcription: TranscriptionService;
  workspace: WorkspaceService;
  /** Arrival and deadline notifications (`app:notify`); long-lived hosts start it (core/background.ts). */
  notifier: Notifier;
  /** Non-destructive edits and their smart-cut render (core/edit). */
  edits: EditService;
  /** The share server of a long-lived host (started by startBackgroundWork); its state is `shareServer:status`. */
  shareRunner: ShareRunner;
  /** Teammates' videos: streamed from the workspace, cached under a cap, fetched whole when needed (issue 19). */
  media: RemoteMedia;
  mediaCache: MediaCache;
  /** Resolves once background work (queueing a new clip's transcription, an auto-publish) has finished; await before close(). */
  settle(): Promise<void>;
  close(): void;
}

export function corePaths(dataDir: string) {
  return {
    dataDir,
    clipsDir: path.join(dataDir, 'clips'),
    mediaCacheDir: mediaCacheDirOf(dataDir),
    modelsDir: path.join(dataDir, 'models'),
    database: path.join(dataDir, 'library.sqlite'),
  };
}

export function composeCore(options: CoreOptions): Core {
  const { logger } = options;
  const paths = corePaths(options.dataDir);
  preparePrivateDataDir(paths.dataDir, paths.clipsDir, paths.database);
  const db = openDatabase(paths.database, logger.child('sql'), { nativeBinding: chooseNativeBinding(options.nativeRoot ?? null, options.runtime).path });
  const events = createEventBus((error) => logger.error('an event listener threw', { error }));
  const settings = createSettingsStore(db);
  const pendingLinks = createPendingLinks(path.join(paths.dataDir, 'pending-links'));
  const share = createShareService({
    db,
    clock: options.clock,
    baseUrl: () => shareBaseUrl({ port: settings.get()['share.port'], lan: settings.get()['share.lan'] }),
    clipsDir: paths.clipsDir,
    // Bound late: on an S3 workspace, links are pages in its bucket (see share/s3-publish.ts).
    s3: () => workspace.s3Access(),
    prepare: (clipId) => edits.ensureRendered(clipId),
    pending: pendingLinks,
  });

  // Every new clip (import, recording, recovery) is queued for transcription; a failure is logged and never undoes
  // the clip. Callers may await it, and settle() waits for any still pending, so a short CLI command never closes the
  // database under that write. Bound late: the transcription service is built below.
  const background = new Set<Promise<void>>();
  const queueTranscription = (clipId: string, writer?: ClipsWriter): Promise<void> => {
    const pending: Promise<void> = transcription
      .enqueue(clipId, { clips: writer })
      .then(
        () => undefined,
        (error: unknown) => logger.error('could not queue a transcription', { clipId, error }),
      )
      .finally(() => background.delete(pending));
    background.add(pending);
    return pending;
  };

  const locate = (name: string, envVar: string) =>
    locateBinary({ name, envVar, env: options.env, platform: options.platform, dataDir: paths.dataDir, resourcesDir: options.resourcesDir });

  // The one writer of clip rows: every add, update and delete in the app goes through it and emits one clips:changed.
  const clips = createClipsStore({ db, clock: options.clock, onChanged: (ids) => events.emit('clips:changed', { ids }) });
  const library = createLibrary({
    db,
    clips,
    paths,
    ffmpegPath: () => locate('ffmpeg', 'HANDOFF_FFMPEG'),
    clock: options.clock,
    logger: logger.child('library'),
    onClipAdded: queueTranscription,
    // The workspace is composed below; this is only called when a recording is added.
    me: () => workspace.people.getProfile(),
  });
  const transcription = createTranscriptionService({ db, clips, events, logger, clock: options.clock, env: options.env, platform: options.platform, paths, settings, locate, liveTuning: options.liveTuning });
  const edits = createEditService({
    db, clipsDir: paths.clipsDir, ffmpeg: () => locate('ffmpeg', 'HANDOFF_FFMPEG'), clock: options.clock, logger: logger.child('edit'), events,
  });
  // A clip's live local links show its latest edit: it is rendered once the author's edits pause.
  const editedLinks = linksFollowEdits({
    events,
    hasActiveLocalLink: (id) => share.hasActiveLocalLink(id),
    renderIfStale: (id) => edits.ensureRendered(id),
    logger: logger.child('share'),
  });
  const workspace = createWorkspaceService({
    db, clips, settings, events, logger: logger.child('workspace'), clock: options.clock, env: options.env, paths, locate,
    beforePublish: (id) => edits.ensureRendered(id),
    liveTuning: options.livePublishTuning,
  });
  const me = () => workspace.people.getProfile();
  const mediaCache = createMediaCache({
    db,
    dir: paths.mediaCacheDir,
    clock: options.clock,
    logger: logger.child('media'),
    capBytes: () => settings.get()['media.cacheCapBytes'],
    autoPinned: (ids) => needsMyReply(db, me(), ids),
  });
  const media = createRemoteMedia({
    db,
    clipsDir: paths.clipsDir,
    cache: mediaCache,
    backend: () => workspace.backend(),
    cacheOnPlay: () => workspace.info().kind === 's3',
    events,
    logger: logger.child('media'),
    clock: options.clock,
    me,
  });
  const { recorder, stop: stopRecovery, recovered } = createCoreRecorder({
    library, dataDir: paths.dataDir, clipsDir: paths.clipsDir, clock: options.clock, logger: logger.child('recorder'), env: options.env,
    platform: options.platform, events, locateFfmpeg: () => locate('ffmpeg', 'HANDOFF_FFMPEG'),
    // Transcription first: the publisher sends its transcript once it is saved.
    followers: () => [
      transcription.live.follower,
      workspace.live.follower({ transcriptDone: transcription.live.whenDone, transcriptReady: (id) => transcription.getTranscript(id)?.state === 'done' }),
      recordingLinksFollower({
        finish: (id, outcome) => share.finishRecordingLinks(id, outcome),
        warn: (id, message) => events.emit('recorder:warning', { id, kind: 'share-link-failed', message }),
        logger: logger.child('share'),
      }),
    ],
  });

  // Share links copied while a crashed recording ran get the recovered clip's page (or "cancelled"), not "ready in a
  // moment" until they expire. A recording folder still there after recovery is one another process is making.
  // Tracked from the end of recovery only: a short CLI command's settle() must not wait for a long recovery, which
  // close() aborts and the next start resumes.
  let closed = false;
  void recovered.then(() => {
    if (closed) return;
    const leftoverLinks: Promise<void> = share
      .finishLeftoverRecordingLinks((id) => existsSync(path.join(paths.dataDir, 'recordings', id)))
      .then(
        (finished) => {
          if (finished > 0) logger.info('finished the share links of recordings a crash interrupted', { links: finished });
        },
        (error: unknown) => logger.warn('could not finish the share links of a crashed recording; the next start tries again', { error }),
      )
      .finally(() => background.delete(leftoverLinks));
    background.add(leftoverLinks);
  });

  // Live uploads a crashed recording left behind are aborted, as its segments are recovered into a clip.
  const liveCleanup: Promise<void> = workspace.live
    .cleanup()
    .then(
      () => undefined,
      (error: unknown) => logger.warn('could not abort the live uploads a crash left; the next start tries again', { error }),
    )
    .finally(() => background.delete(liveCleanup));
  background.add(liveCleanup);

  const shareRunner = createShareRunner({
    settings,
    events,
    logger: logger.child('share'),
    serve: (port, host) =>
      startShareServer({
        db, clipsDir: paths.clipsDir, logger: logger.child('share'), clock: options.clock, port, host,
        pending: { find: (token) => pendingLinks.find(token), promote: (token) => share.promotePending(token) },
      }),
    probe: probeLocalLink,
  });

  const uploads = createUploadImports({
    dataDir: paths.dataDir,
    library,
    events,
    clock: options.clock,
    // Like `handoff import`: once my name is set the clip is mine, with my zone.
    me: () => (settings.get()['profile.name'] ? workspace.people.getProfile() : null),
  });

  const notifier = createNotifier({
    db, events, settings, clock: options.clock, logger: logger.child('notify'),
    me: () => workspace.people.getProfile(),
    digest: () => workspace.norms.digest(),
  });

  const handlers: Handlers = {
    ...appHandlers({ options, paths, locate, extraChecks: async () => [...library.doctorChecks(), mediaDoctorCheck(mediaCache.usage(), paths.mediaCacheDir)] }),
    ...settingsHandlers({ settings, events }),
    ...clipsHandlers({ library }),
    ...mediaHandlers({ media, cache: mediaCache }),
    ...searchHandlers({ library, editedTime: (clipId, ms) => edits.editedTime(clipId, ms) }),
    ...transcriptionHandlers({ transcription, events, prepareClip: (id) => media.ensureLocal(id, 'transcribe') }),
    ...workspaceHandlers({ workspace }),
    ...shareHandlers({ share, events, prepareClip: (id) => media.ensureLocal(id, 'share'), checkLocalLink: (token) => shareRunner.checkLocalLink(token) }),
    ...shareServerHandlers({ runner: shareRunner }),
    ...importsHandlers({ uploads }),
    ...recorderHandlers({ recorder, settings }),
    ...decisionsHandlers({ db }),
    ...normsHandlers({ workspace }),
    ...editHandlers({ edits, clock: () => performance.now() }),
  };

  return {
    options,
    db,
    events,
    clips,
    library,
    dispatch: createDispatcher(handlers, logger.child('api')),
    recorder,
    paths,
    transcription,
    workspace,
    notifier,
    edits,
    shareRunner,
    media,
    mediaCache,
    settle: async () => {
      while (background.size > 0) await Promise.all([...background]);
      await editedLinks.whenIdle();
      await workspace.whenIdle();
      await media.whenIdle();
    },
    close: () => {
      closed = true;
      stopRecovery();
      editedLinks.stop();
      workspace.close();
      db.close();
    },
  };
}
