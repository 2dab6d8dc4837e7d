// Core's notifier with a fake clock and fake timers: what is announced, when, and never twice.
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../electron/core/api/event-bus';
import { insertClip, type NewClip } from '../../electron/core/library/clips-store';
import { openDatabase } from '../../electron/core/library/database';
import { createSettingsStore } from '../../electron/core/library/settings-store';
import { createMemoryLogger } from '../../electron/core/logger';
import { createNotifier, type DigestSummary } from '../../electron/core/notify/notifier';
import type { Notice } from '../../shared/notifications';

const me = { id: 'me-1', name: 'Ana', timezone: 'Europe/Berlin', workingHours: '09:00-17:00', workdays: 'mon-fri' };

function setup(start = '2026-03-27T08:00:00Z', digest?: () => DigestSummary) {
  const db = openDatabase(':memory:', createMemoryLogger());
  const events = createEventBus((error) => {
    throw error;
  });
  const settings = createSettingsStore(db);
  const person = db.prepare(`INSERT INTO people (id, name, timezone, updated_at) VALUES (?, ?, ?, '2026-01-01T00:00:00Z')`);
  person.run('kenji', 'Kenji', 'Asia/Tokyo');
  person.run(me.id, me.name, me.timezone);
  let now = new Date(start);
  const ticks: (() => void)[] = [];
  const shown: Notice[] = [];
  events.onAny((event, payload) => {
    if (event === 'app:notify') shown.push(payload as Notice);
  });
  const notifier = createNotifier({
    db,
    events,
    settings,
    me: () => me,
    clock: () => now,
    logger: createMemoryLogger(),
    timers: { setInterval: (fn) => ticks.push(fn), clearInterval: () => undefined },
    digest,
  });
  const clip = (over: Partial<NewClip>) =>
    insertClip(
      db,
      { authorId: 'kenji', authorName: 'Kenji', authorTimezone: 'Asia/Tokyo', recordedAt: new Date(now.getTime() - 3600_000), state: 'ready', source: 'workspace', title: 'Release plan', ...over },
      now,
    );
  return {
    db, events, settings, notifier, shown, clip,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
      ticks.forEach((tick) => tick());
    },
  };
}

describe('the notifier', () => {
  it('announces a teammate’s update for me or everyone once, and not mine, old ones or ones for others', () => {
    const t = setup();
    const forAll = t.clip({ title: 'Standup' });
    t.clip({ title: 'For me by name', recipients: ['ana'] });
    t.clip({ title: 'For Priya only', recipients: ['Priya'] });
    t.clip({ title: 'Mine', authorId: me.id, authorName: 'Ana' });
    t.clip({ title: 'Last month', recordedAt: new Date('2026-02-20T08:00:00Z') });
    t.clip({ title: 'My own recording', source: 'recorded', authorId: null });
    expect(t.notifier.checkArrivals()).toBe(2);
    expect(t.shown.map((n) => n.body).sort()).toEqual(['For me by name', 'Standup']);
    expect(t.shown.find((n) => n.clipId === forAll.id)).toMatchObject({ kind: 'arrival', title: 'New update from Kenji', route: `#/clip/${forAll.id}` });
    expect(t.notifier.checkArrivals()).toBe(0);
    t.events.emit('sync:finished', { mode: 'incremental', changed: 0, syncing: 0, problems: 0 });
    expect(t.shown).toHaveLength(2);
  });

  it('folds a burst of arrivals into a summary, and still announces each only once', () => {
    const t = setup();
    for (let i = 0; i < 9; i++) t.clip({ title: `Update ${i}` });
    t.notifier.checkArrivals();
    expect(t.shown.filter((n) => n.kind === 'arrival')).toHaveLength(4);
    expect(t.shown.at(-1)).toMatchObject({ kind: 'summary', title: '5 more new updates', route: '#/inbox' });
    t.clip({ title: 'One more' });
    t.shown.length = 0;
    t.notifier.checkArrivals();
    expect(t.shown.map((n) => n.body)).toEqual(['One more']);
  });

  it('warns when a reply asked of me falls due within the lead time, once, and not after I answered', async () => {
    const t = setup('2026-03-27T08:00:00Z');
    const due = t.clip({ title: 'Budget', ask: 'Approve?', dueAt: new Date('2026-03-27T14:00:00Z') });
    const answered = t.clip({ title: 'Answered', ask: 'OK?', dueAt: new Date('2026-03-27T13:00:00Z') });
    t.db.prepare(`INSERT INTO events (id, clip_id, kind, author_id, author_name, created_at) VALUES ('e1', ?, 'reply', ?, 'Ana', ?)`).run(answered.id, me.id, '2026-03-27T08:00:00Z');
    const stop = t.notifier.start();
    t.shown.length = 0;
    // 6 h before: outside the default 4 h lead.
    expect(t.shown.filter((n) => n.kind === 'deadline')).toEqual([]);
    t.advance(90 * 60_000); // 4.5 h before
    expect(t.shown.filter((n) => n.kind === 'deadline')).toEqual([]);
    t.advance(31 * 60_000); // 3 h 59 min before
    expect(t.shown.filter((n) => n.kind === 'deadline')).toEqual([expect.objectContaining({ clipId: due.id, title: 'Reply due Fri 15:00', body: 'Kenji: Approve?' })]);
    t.advance(60 * 60_000);
    t.advance(60 * 60_000);
    expect(t.shown.filter((n) => n.kind === 'deadline')).toHaveLength(1);
    stop();
  });

  it('respects the settings: lead time, and each kind turned off', () => {
    const t = setup('2026-03-27T08:00:00Z');
    t.clip({ title: 'Budget', ask: 'Approve?', dueAt: new Date('2026-03-27T14:00:00Z') });
    t.settings.set({ 'notifications.deadlineLeadHours': 8, 'notifications.arrivals': false });
    expect(t.notifier.checkArrivals()).toBe(0);
    expect(t.notifier.checkDeadlines()).toBe(1);
    const u = setup('2026-03-27T08:00:00Z');
    u.clip({ title: 'Budget', ask: 'Approve?', dueAt: new Date('2026-03-27T09:00:00Z') });
    u.settings.set({ 'notifications.deadlines': false });
    expect(u.notifier.checkDeadlines()).toBe(0);
  });

  it('sends the digest once at the start of each of my workdays, not on my days off, not when read or empty', () => {
    let digest: DigestSummary = { dismissed: false, arrived: [1, 2], dueToday: [], overdue: [1], decisions: [] };
    // Friday 27 March 2026, 07:00 in Berlin: before my day.
    const t = setup('2026-03-27T06:00:00Z', () => digest);
    const stop = t.notifier.start();
    const digests = () => t.shown.filter((n) => n.kind === 'digest');
    expect(digests()).toEqual([]);
    t.advance(2.5 * 3600_000); // 09:30 Berlin
    expect(digests()).toEqual([expect.objectContaining({ key: 'digest:2026-03-27', title: 'Your start-of-day digest', body: '2 new updates, 1 overdue', route: '#/inbox' })]);
    t.advance(3600_000);
    expect(digests()).toHaveLength(1);
    t.advance(24 * 3600_000); // Saturday: a day off
    expect(digests()).toHaveLength(1);
    t.advance(48 * 3600_000); // Monday 10:30
    expect(digests().map((n) => n.key)).toEqual(['digest:2026-03-27', 'digest:2026-03-30']);
    digest = { ...digest, dismissed: true };
    t.advance(24 * 3600_000); // Tuesday, already read in the inbox
    digest = { dismissed: false, arrived: [], dueToday: [], overdue: [], decisions: [] };
    t.advance(24 * 3600_000); // Wednesday, nothing to say
    expect(digests()).toHaveLength(2);
    t.settings.set({ 'notifications.digest': false });
    digest = { dismissed: false, arrived: [1], dueToday: [], overdue: [], decisions: [] };
    t.advance(24 * 3600_000);
    expect(digests()).toHaveLength(2);
    stop();
  });
});
