// The library side of norms: the newest team norms file wins whatever order files arrive in; people files from before
// workdays existed read as mon-fri; a long thread proposes talking live; reply windows parse as people type them.
import { describe, expect, it } from 'vitest';
import { insertClip } from '../../electron/core/library/clips-store';
import { createSettingsStore } from '../../electron/core/library/settings-store';
import { parseWorkspaceJson, personFile, WORKSPACE_SCHEMA, type NormsFile } from '../../electron/core/workspace/files';
import { createNormsStore, parseWindow } from '../../electron/core/workspace/norms';
import { recipientsOf } from '../../electron/core/workspace/norms-query';
import { createPeople } from '../../electron/core/workspace/people';
import { memoryLibraryDb } from '../support/library-fixtures';

const norms = (publishedAt: string, urgent: number | null): NormsFile => ({
  schema: WORKSPACE_SCHEMA,
  author: { id: 'a', name: `author of ${publishedAt}` },
  publishedAt,
  windows: { urgent, 'reply-needed': 16, fyi: null },
});

describe('team norms', () => {
  it('are the defaults until published, then the newest file by publishedAt, whatever order they were indexed in', () => {
    const store = createNormsStore(memoryLibraryDb());
    expect(store.current()).toEqual({ norms: { urgent: 4, 'reply-needed': 16, fyi: null }, publishedAt: null, author: null, key: null });
    const newer = norms('2026-11-20T10:00:00.000Z', 2);
    const older = norms('2026-11-19T10:00:00.000Z', 8);
    store.index('team/norms-20261120T100000000Z-bbbbbbbb.json', Buffer.from(JSON.stringify(newer)), newer);
    store.index('team/norms-20261119T100000000Z-aaaaaaaa.json', Buffer.from(JSON.stringify(older)), older);
    expect(store.current()).toMatchObject({ norms: { urgent: 2 }, author: 'author of 2026-11-20T10:00:00.000Z' });
    expect(store.known('team/norms-20261119T100000000Z-aaaaaaaa.json', Buffer.from(JSON.stringify(older)))).toBe(true);
    expect(store.known('team/norms-20261119T100000000Z-aaaaaaaa.json', Buffer.from('{}'))).toBe(false);
  });

  it.each([
    ['4h', 4],
    ['90m', 1.5],
    ['16', 16],
    ['1.5h', 1.5],
    ['none', null],
  ] as const)('reads the window %s', (text, hours) => {
    expect(parseWindow(text)).toBe(hours);
  });
  it.each(['0h', '-2h', 'soon', '4d'])('refuses the window %s', (text) => {
    expect(() => parseWindow(text)).toThrow(/reply window/i);
  });
});

function people() {
  const db = memoryLibraryDb();
  const settings = createSettingsStore(db);
  const service = createPeople({ db, settings, clock: () => new Date('2026-11-20T10:00:00Z'), detectTimezone: () => 'Europe/Berlin', defaultName: 'Me' });
  return { db, settings, service };
}

describe('workdays in people files', () => {
  it('reads a file written before workdays existed as mon-fri, and a new one as written', () => {
    const { service } = people();
    const me = service.getProfile();
    const old = parseWorkspaceJson(
      Buffer.from(JSON.stringify({ schema: 1, id: 'kenji', name: 'Kenji', timezone: 'Asia/Tokyo', workingHours: '09:00-17:30', updatedAt: '2026-11-01T00:00:00Z' })),
      personFile,
    );
    expect(old.ok).toBe(true);
    if (!old.ok) return;
    service.indexPerson(old.value, me.id);
    service.indexPerson({ ...old.value, id: 'noa', name: 'Noa', timezone: 'Asia/Jerusalem', workdays: 'Sun-Thu' }, me.id);
    expect(service.listPeople().map((p) => `${p.name}:${p.workdays}`)).toEqual(['Me:mon-fri', 'Kenji:mon-fri', 'Noa:sun-thu']);
    expect(() => service.indexPerson({ ...old.value, id: 'x', workdays: 'someday' }, me.id)).toThrow(/workdays/);
  });

  it('sets my workdays in their canonical form and refuses days that are not days', () => {
    const { service } = people();
    expect(service.setProfile({ workdays: 'thu,mon,tue' }).workdays).toBe('mon,tue,thu');
    expect(service.personFile(service.getProfile()).workdays).toBe('mon,tue,thu');
    expect(() => service.setProfile({ workdays: 'weekdays' })).toThrow(/Workdays must look like/);
  });
});

describe('talking live', () => {
  it('is proposed once a thread passes 6 replies, for the author and the recipients', () => {
    const { db, service } = people();
    const me = service.setProfile({ name: 'Ana', timezone: 'Europe/Berlin', workingHours: '09:00-17:00' });
    service.indexPerson({ schema: 1, id: 'maya', name: 'Maya', timezone: 'America/New_York', workingHours: '09:00-17:00', updatedAt: '2026-11-01T00:00:00Z' }, me.id);
    const now = new Date('2026-11-23T12:00:00Z');
    const ask = insertClip(db, { authorId: me.id, authorName: 'Ana', authorTimezone: 'Europe/Berlin', recordedAt: now, ask: 'Which vendor?', urgency: 'reply-needed', state: 'ready', source: 'recorded' }, now);
    const reply = (n: number) =>
      insertClip(db, { authorId: n % 2 ? 'maya' : me.id, authorName: n % 2 ? 'Maya' : 'Ana', authorTimezone: 'Europe/Berlin', recordedAt: now, replyTo: ask.id, state: 'ready', source: 'recorded' }, now);
    const deps = { db, me: service.getProfile(), norms: { urgent: 4, 'reply-needed': 16, fyi: null }, clock: () => now };
    for (let n = 0; n < 6; n++) reply(n);
    expect(recipientsOf(deps, ask.id)).toMatchObject({ replies: 6, talkLive: null, reason: null });
    reply(6);
    const seven = recipientsOf(deps, ask.id);
    expect(seven).toMatchObject({ replies: 7, reason: 'long-thread' });
    // Ana in Berlin (08:00-16:00Z) and Maya in New York (14:00-22:00Z): Monday 15:00-17:00 Berlin time.
    expect(seven.talkLive?.text).toBe('talk live: Mon 15:00–17:00 your time');
    // Maya replied in the thread, so for her the ask is answered.
    expect(seven.recipients).toEqual([expect.objectContaining({ name: 'Maya', state: 'answered', timezone: 'America/New_York' })]);
  });
});
