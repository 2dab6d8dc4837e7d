// Putting my things in the workspace: an update's bundle (with the events I added while it was local), my people/
// file, and what follows on its own — auto-publish of a clip of mine that becomes ready (it listens to the clips
// store's one `clips:changed`, so no producer needs to know about the workspace) and a transcript finished after the
// update went out (a new write-once file, announced in the feed).
import type { EventBus } from '../api/event-bus';
import type { ClipsStore } from '../library/clips-store';
import type { Db } from '../library/database';
import type { SettingsStore } from '../library/settings-store';
import type { Logger } from '../logger';
import type { WorkspaceConnection } from './connection';
import { createLivePublishing } from './live-publish-service';
import { WORKSPACE_SCHEMA, keys, type EventFile, type VideoParts } from './files';
import type { PeopleService } from './people';
import { publishClip, publishEvent, writeFeed } from './publish';
import type { SyncStore } from './sync-store';
import type { WorkspaceTranscripts } from './transcripts';

export function createPublishing(deps: {
  db: Db;
  clips: ClipsStore;
  connection: WorkspaceConnection;
  people: PeopleService;
  store: SyncStore;
  transcripts: WorkspaceTranscripts;
  settings: SettingsStore;
  events: EventBus;
  clock: () => Date;
  logger: Logger;
  clipsDir: string;
  /** Runs before a clip is published (renders an edited clip's edited version: core/edit). */
  beforePublish?: (id: string) => Promise<void>;
  dataDir: string;
  /** Chunk sizes when publishing while recording (see ComposeOptions.livePublishTuning). */
  liveTuning?: { chunkBytes?: number };
}) {
  const { db, connection, people, store, clock, logger } = deps;
  const inFlight = new Set<Promise<unknown>>();
  const track = (job: Promise<unknown>) => {
    const tracked = job.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  async function publishProfile(): Promise<void> {
    const me = people.getProfile();
    const b = connection.backend();
    const key = keys.person(me.id);
    const body = Buffer.from(JSON.stringify(people.personFile(me), null, 2));
    await b.replace(key, body);
    await writeFeed(b, key, clock);
  }

  async function publish(id: string, options: { videoUploaded?: boolean; videoParts?: VideoParts } = {}) {
    const me = people.getProfile();
    const backend = connection.backend();
    await deps.beforePublish?.(id);
    const result = await publishClip({ db, clips: deps.clips, backend, store, clipsDir: deps.clipsDir, clock, me, id, transcripts: deps.transcripts, videoUploaded: options.videoUploaded, videoParts: options.videoParts });
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
      await publishEvent({ backend, store, clock }, { schema: WORKSPACE_SCHEMA, ...rest, author: { id: authorId, name: authorName } });
    }
    return result;
  }

  // Publishing while recording: a recording that will be published at stop is uploaded as it is made, and published by
  // its follower at stop, so auto-publish below leaves it alone.
  const live = createLivePublishing({
    settings: () => deps.settings.get(), backend: connection.backend, dataDir: deps.dataDir, clipsDir: deps.clipsDir, logger, events: deps.events,
    publish,
    publishTranscript: async (id) => {
      const b = connection.backend();
      await deps.transcripts.publishLater(b, id, (key) => writeFeed(b, key, clock));
    },
    // The recorder logs a follower's failure; here it only has to be waited for.
    track: (job) => track(job.catch(() => undefined)),
    tuning: deps.liveTuning,
  });

  /** Resolves when every auto-publish started so far has finished (a CLI command awaits it before exiting). */
  async function whenIdle(): Promise<void> {
    while (inFlight.size) await Promise.all([...inFlight]);
  }

  const unsubscribe = deps.events.onAny((event, payload) => {
    if (event === 'jobs:progress') {
      const job = payload as { clipId: string; state: string };
      if (job.state !== 'done') return;
      const clip = db.prepare('SELECT source, published_at FROM clips WHERE id = ?').get(job.clipId) as { source: string; published_at: string | null } | undefined;
      if (!clip || clip.source === 'workspace' || !clip.published_at) return;
      const b = connection.backend();
      track(
        Promise.all([...inFlight]).then(() =>
          deps.transcripts
            .publishLater(b, job.clipId, (key) => writeFeed(b, key, clock))
            .catch((error: unknown) => logger.warn('publishing a new transcript failed; it goes out with the next one', { clipId: job.clipId, error })),
        ),
      );
      return;
    }
    if (event !== 'clips:changed' || !deps.settings.get()['workspace.autoPublish']) return;
    for (const id of (payload as { ids: string[] }).ids) {
      const clip = db.prepare('SELECT source, state, published_at FROM clips WHERE id = ?').get(id) as
        | { source: string; state: string; published_at: string | null }
        | undefined;
      if (!clip || clip.source === 'workspace' || clip.state !== 'ready' || clip.published_at || live.publishing(id)) continue;
      track(publish(id).catch((error: unknown) => logger.warn('auto-publish failed; publish it with `handoff publish`', { id, error })));
    }
  });

  return { publish, publishProfile, whenIdle, live, close: unsubscribe };
}
export type Publishing = ReturnType<typeof createPublishing>;
