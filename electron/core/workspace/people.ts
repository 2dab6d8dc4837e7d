// My profile (settings) and the team (the people table, filled from the workspace's people/ files). My own row in
// people carries is_me = 1, so the inbox's team timezones include mine.
import { isValidTimezone, parseWorkingHours } from '../../../shared/inbox';
import { DEFAULT_WORKDAYS, formatWorkdays, parseWorkdays } from '../../../shared/norms/workdays';
import { HandoffError } from '../../../shared/result';
import type { Db } from '../library/database';
import type { SettingsStore } from '../library/settings-store';
import type { PersonFile } from './files';
import { newId } from '../system/ids';

export interface Profile {
  id: string;
  name: string;
  timezone: string;
  workingHours: string;
  workdays: string;
  timezoneDetected: boolean;
}

export interface Person {
  id: string;
  name: string;
  timezone: string;
  workingHours: string;
  workdays: string;
  isMe: boolean;
  updatedAt: string;
}

export function createPeople(deps: { db: Db; settings: SettingsStore; clock: () => Date; detectTimezone: () => string; defaultName: string }) {
  const { db, settings, clock } = deps;
  const upsertPerson = db.prepare(
    `INSERT INTO people (id, name, timezone, working_hours, workdays, is_me, updated_at)
     VALUES (@id, @name, @timezone, @workingHours, @workdays, @isMe, @updatedAt)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone, working_hours = excluded.working_hours,
       workdays = excluded.workdays,
       is_me = excluded.is_me, updated_at = excluded.updated_at
     WHERE excluded.is_me = 1 OR excluded.updated_at >= people.updated_at`,
  );
  const ensurePersonStmt = db.prepare(
    `INSERT OR IGNORE INTO people (id, name, timezone, working_hours, is_me, updated_at) VALUES (?, ?, ?, '09:00-17:00', 0, ?)`,
  );

  // Asking the system its zone builds an Intl formatter (~2 ms), and the profile is read on every inbox page; the
  // answer is kept a minute, so travelling with the laptop still shows within one.
  let detectedZone: { zone: string; at: number } | null = null;
  function detected(): string {
    const now = clock().getTime();
    if (!detectedZone || Math.abs(now - detectedZone.at) > 60_000) {
      const zone = deps.detectTimezone();
      detectedZone = { zone: isValidTimezone(zone) ? zone : 'UTC', at: now };
    }
    return detectedZone.zone;
  }

  function getProfile(): Profile {
    let current = settings.get();
    if (!current['profile.id']) current = settings.set({ 'profile.id': newId(9) });
    const stored = current['profile.timezone'];
    const profile: Profile = {
      id: current['profile.id'],
      name: current['profile.name'] || deps.defaultName,
      timezone: stored && isValidTimezone(stored) ? stored : detected(),
      workingHours: current['profile.workingHours'],
      workdays: current['profile.workdays'],
      timezoneDetected: !stored,
    };
    upsertPerson.run({ ...profile, isMe: 1, updatedAt: clock().toISOString() });
    return profile;
  }

  function setProfile(patch: { name?: string; timezone?: string; workingHours?: string; workdays?: string }): Profile {
    const workdays = patch.workdays !== undefined ? parseWorkdays(patch.workdays) : undefined;
    if (workdays === null) {
      throw new HandoffError('invalid-input', `Workdays must look like mon-fri, sun-thu or mon,tue,thu, got "${patch.workdays}".`);
    }
    if (patch.timezone !== undefined && !isValidTimezone(patch.timezone)) {
      throw new HandoffError('invalid-input', `Unknown time zone "${patch.timezone}": use an IANA name such as Europe/Berlin.`);
    }
    if (patch.workingHours !== undefined && !parseWorkingHours(patch.workingHours)) {
      throw new HandoffError('invalid-input', `Working hours must look like 09:00-17:30, got "${patch.workingHours}".`);
    }
    if (patch.name !== undefined && patch.name.trim() === '') throw new HandoffError('invalid-input', 'The name cannot be empty.');
    settings.set({
      ...(patch.name !== undefined ? { 'profile.name': patch.name.trim() } : {}),
      ...(patch.timezone !== undefined ? { 'profile.timezone': patch.timezone } : {}),
      ...(patch.workingHours !== undefined ? { 'profile.workingHours': patch.workingHours } : {}),
      ...(workdays ? { 'profile.workdays': formatWorkdays(workdays) } : {}),
    });
    return getProfile();
  }

  function listPeople(): Person[] {
    return (
      db.prepare('SELECT id, name, timezone, working_hours AS workingHours, workdays, is_me AS isMe, updated_at AS updatedAt FROM people ORDER BY is_me DESC, name, id').all() as (Omit<Person, 'isMe'> & { isMe: number })[]
    ).map((row) => ({ ...row, isMe: row.isMe === 1 }));
  }

  /** A teammate's people/ file; newer wins, and my own file never overrides my settings. */
  function indexPerson(file: PersonFile, meId: string): boolean {
    if (file.id === meId) return false;
    if (!isValidTimezone(file.timezone)) throw new HandoffError('invalid-input', `unknown time zone ${file.timezone}`);
    const workdays = parseWorkdays(file.workdays ?? DEFAULT_WORKDAYS);
    if (!workdays) throw new HandoffError('invalid-input', `workdays "${file.workdays}" name no days (expected e.g. mon-fri)`);
    if (!parseWorkingHours(file.workingHours)) throw new HandoffError('invalid-input', `working hours "${file.workingHours}" are not HH:MM-HH:MM`);
    upsertPerson.run({
      id: file.id,
      name: file.name,
      timezone: file.timezone,
      workingHours: file.workingHours,
      workdays: formatWorkdays(workdays),
      isMe: 0,
      updatedAt: file.updatedAt,
    });
    return true;
  }

  /** Makes sure an author referenced by a clip exists (clips.author_id is a foreign key), without overriding a real file. */
  function ensurePerson(id: string, name: string, timezone: string): void {
    ensurePersonStmt.run(id, name, timezone, '1970-01-01T00:00:00.000Z');
  }

  /**
   * For backfilling (`handoff import --author NAME --timezone TZ`): the teammate with that name, created or given the
   * new zone, and their id for the clip's author_id.
   */
  function backfillPerson(name: string, timezone: string): string {
    if (!isValidTimezone(timezone)) throw new HandoffError('invalid-input', `Unknown time zone "${timezone}".`);
    const found = db.prepare('SELECT id FROM people WHERE is_me = 0 AND lower(name) = lower(?) ORDER BY updated_at DESC').get(name.trim()) as
      | { id: string }
      | undefined;
    const id = found?.id ?? `local-${newId(9)}`;
    upsertPerson.run({ id, name: name.trim(), timezone, workingHours: '09:00-17:00', workdays: DEFAULT_WORKDAYS, isMe: 0, updatedAt: clock().toISOString() });
    return id;
  }

  function personFile(profile: Profile): PersonFile {
    return { schema: 1, id: profile.id, name: profile.name, timezone: profile.timezone, workingHours: profile.workingHours, workdays: profile.workdays, updatedAt: clock().toISOString() };
  }

  return { getProfile, setProfile, listPeople, indexPerson, ensurePerson, backfillPerson, personFile };
}
export type PeopleService = ReturnType<typeof createPeople>;
