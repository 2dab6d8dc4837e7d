// The team's response-time norms as a service: the current norms, publishing new ones, and what they decide for
// people — each recipient's reply-by, the overlap planner and the start-of-day digest.
import type { Norms } from '../../../shared/norms/reply-by';
import type { EventBus } from '../api/event-bus';
import type { Db } from '../library/database';
import type { SettingsStore } from '../library/settings-store';
import type { WorkspaceConnection } from './connection';
import type { NormsStore } from './norms';
import { digestFor, overlapFor, recipientsOf } from './norms-query';
import type { PeopleService } from './people';

export function createNormsService(deps: {
  db: Db;
  normsStore: NormsStore;
  connection: WorkspaceConnection;
  people: PeopleService;
  settings: SettingsStore;
  events: EventBus;
  clock: () => Date;
}) {
  const { db, normsStore, people, clock, settings } = deps;
  return {
    get: () => normsStore.current(),
    publish: async (patch: Partial<Norms>) => {
      const me = people.getProfile();
      const published = await normsStore.publish({ backend: deps.connection.backend(), clock, me }, patch);
      // Every open ask's replyBy moves with the norms: views showing reply-by reload.
      deps.events.emit('activity:changed', { clipIds: [] });
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
}
