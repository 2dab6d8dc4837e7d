// Norms over the library: who owes a reply to an update and by when (per recipient, in their own working time), the
// overlap planner over the team's calendars, and the start-of-day digest. The rules are in shared/norms; this file
// only reads rows and hands them over.
import { localTime } from '../../../shared/inbox/zones';
import { ANSWERING_KINDS_SQL } from '../../../shared/norms/answering';
import { HOUR_MS, type WorkingCalendar } from '../../../shared/norms/calendar';
import { buildDigest, digestDue, type DigestAsk } from '../../../shared/norms/digest';
import { talkLiveText } from '../../../shared/norms/format';
import { describeWindow, planOverlap, type OverlapPerson } from '../../../shared/norms/overlap';
import { overdueByAWorkday, replyPlan, replyStatus, THREAD_ESCALATION_REPLIES, type Norms, type ReplyState } from '../../../shared/norms/reply-by';
import { HandoffError } from '../../../shared/result';
import { getClip } from '../library/clips-store';
import type { Db } from '../library/database';
import { myCalendar, readInbox, teamCalendars } from './inbox-query';

type Me = { id: string; name: string; timezone: string; workingHours: string; workdays: string };
type TeamMember = ReturnType<typeof teamCalendars>[number];

const iso = (ms: number) => new Date(ms).toISOString();

function nowMs(now: string | undefined, clock: () => Date): number {
  const ms = now ? Date.parse(now) : clock().getTime();
  if (Number.isNaN(ms)) throw new HandoffError('invalid-input', `Not a date: ${now}`);
  return ms;
}

/** The team members a list of names or ids names (case-insensitive); an unknown one is an error that lists who is known. */
function pick(team: TeamMember[], names: string[]): TeamMember[] {
  return names.map((name) => {
    const wanted = name.trim().toLowerCase();
    const found = team.find((p) => p.id === name || p.name.trim().toLowerCase() === wanted);
    if (!found) throw new HandoffError('not-found', `No teammate called "${name}"; the team is ${team.map((p) => p.name).join(', ')}.`);
    return found;
  });
}

export function bestSlot(people: TeamMember[], now: number, viewerZone: string) {
  const unique = [...new Map(people.map((p) => [p.id, p])).values()];
  if (unique.length < 2) return null;
  const plan = planOverlap({ people: unique.map((p) => ({ name: p.name, calendar: p.calendar })), now, days: 7 });
  const best = plan.windows[0] ?? plan.partial;
  if (!best) return null;
  return { text: talkLiveText(best, viewerZone), start: localTime(iso(best.start), viewerZone), end: localTime(iso(best.end), viewerZone), missing: best.missing };
}

/** Each recipient of an update with their replyBy and state; a talk-live proposal once it is overdue by a workday or its thread is long. */
export function recipientsOf(deps: { db: Db; me: Me; norms: Norms; clock: () => Date }, clipId: string, options: { now?: string } = {}) {
  const { db, me } = deps;
  const clip = getClip(db, clipId);
  const now = nowMs(options.now, deps.clock);
  const team = teamCalendars(db);
  const authorId = clip.author_id ?? (clip.source !== 'workspace' ? me.id : null);
  const named = JSON.parse(clip.recipients) as string[];
  const wanted: { name: string; member: TeamMember | null }[] = named.length
    ? named.map((name) => {
        const lower = name.trim().toLowerCase();
        return { name, member: team.find((p) => p.id === name || p.name.trim().toLowerCase() === lower) ?? null };
      })
    : team.filter((p) => p.id !== authorId).map((p) => ({ name: p.name, member: p }));
  const sentAt = Date.parse(clip.published_at ?? clip.recorded_at);
  const dueAt = clip.due_at ? Date.parse(clip.due_at) : null;
  const answered = new Set(
    (
      db
        .prepare(
          `SELECT author_id AS id FROM events WHERE clip_id = @clip AND kind IN (${ANSWERING_KINDS_SQL})
           UNION SELECT author_id FROM clips WHERE reply_to = @clip AND author_id IS NOT NULL`,
        )
        .all({ clip: clip.id }) as { id: string | null }[]
    ).map((r) => r.id),
  );
  const seen = new Map(
    (db.prepare(`SELECT author_id AS id, min(created_at) AS at FROM events WHERE clip_id = ? AND kind = 'seen' GROUP BY author_id`).all(clip.id) as {
      id: string;
      at: string;
    }[]).map((r) => [r.id, r.at]),
  );
  let escalate = false;
  const recipients = wanted.map(({ name, member }) => {
    const timezone = member?.calendar.timezone ?? null;
    const done = member ? answered.has(member.id) : false;
    const plan = member ? replyPlan({ sentAt, dueAt, urgency: clip.urgency }, member.calendar, deps.norms) : null;
    let state: ReplyState = done ? 'answered' : 'on-track';
    let workingHoursLeft: number | null = null;
    if (plan && member) {
      const status = replyStatus(plan, member.calendar, now, done);
      state = status.state;
      workingHoursLeft = Math.round((status.workingMsLeft / HOUR_MS) * 100) / 100;
      if (overdueByAWorkday(status, member.calendar)) escalate = true;
    } else if (!member && dueAt !== null && !done) state = now > dueAt ? 'overdue' : 'on-track';
    const replyBy = plan ? plan.replyBy : dueAt;
    return {
      name: member?.name ?? name,
      timezone,
      replyBy: replyBy === null ? null : localTime(iso(replyBy), me.timezone),
      state,
      workingHoursLeft,
      seenAt: member ? (seen.get(member.id) ?? null) : null,
    };
  });
  const replies = (db.prepare(`SELECT (SELECT count(*) FROM clips WHERE reply_to = @clip) + (SELECT count(*) FROM events WHERE clip_id = @clip AND kind = 'comment') AS n`).get({ clip: clip.id }) as { n: number }).n;
  const longThread = replies > THREAD_ESCALATION_REPLIES;
  const involved = [...team.filter((p) => p.id === authorId), ...wanted.flatMap((w) => (w.member ? [w.member] : []))];
  const talkLive = escalate || longThread ? bestSlot(involved, now, me.timezone) : null;
  return { recipients, replies, talkLive, reason: (escalate ? 'overdue' : longThread ? 'long-thread' : null) as 'overdue' | 'long-thread' | null };
}

export function overlapFor(
  deps: { db: Db; me: Me; clock: () => Date },
  options: { people?: string[]; days: number; minPeople?: number; now?: string },
) {
  const team = teamCalendars(deps.db);
  const chosen = options.people?.length ? pick(team, options.people) : team;
  const people: OverlapPerson[] = [...new Map(chosen.map((p) => [p.id, p])).values()].map((p) => ({ name: p.name, calendar: p.calendar }));
  const plan = planOverlap({ people, now: nowMs(options.now, deps.clock), days: options.days, minPeople: options.minPeople });
  return {
    viewerTimezone: deps.me.timezone,
    people: people.map((p) => ({ name: p.name, timezone: p.calendar.timezone })),
    required: plan.required,
    windows: plan.windows.map((w) => describeWindow(w, deps.me.timezone, people)),
    partial: plan.partial ? describeWindow(plan.partial, deps.me.timezone, people) : null,
  };
}

export function digestFor(deps: { db: Db; me: Me; norms: Norms; clock: () => Date; lastShownAt: string }, options: { now?: string } = {}) {
  const { db, me } = deps;
  const now = nowMs(options.now, deps.clock);
  const calendar: WorkingCalendar = myCalendar(me);
  const inbox = readInbox({ db, me, clock: deps.clock, norms: deps.norms }, { now: iso(now) });
  const asks: DigestAsk[] = inbox.needsReply.map((c) => ({
    id: c.id,
    title: c.title,
    author: c.author,
    sentAt: Date.parse(c.recordedAt),
    replyBy: c.replyBy ? Date.parse(c.replyBy) : null,
    state: c.replyState ?? 'on-track',
  }));
  const arrivals = (
    db
      .prepare(
        `SELECT id, title, author_name AS author, coalesce(published_at, recorded_at) AS sentAt FROM clips
         WHERE source = 'workspace' AND (author_id IS NULL OR author_id != ?) AND state IN ('ready', 'syncing', 'processing')`,
      )
      .all(me.id) as { id: string; title: string; author: string; sentAt: string }[]
  ).map((r) => ({ ...r, sentAt: Date.parse(r.sentAt) }));
  const decisions = (
    db
      .prepare(`SELECT e.clip_id AS clipId, c.title, e.author_name AS author, coalesce(e.text, '') AS text, e.created_at AS createdAt FROM events e JOIN clips c ON c.id = e.clip_id WHERE e.kind = 'decision'`)
      .all() as { clipId: string; title: string; author: string; text: string; createdAt: string }[]
  ).map((r) => ({ ...r, createdAt: Date.parse(r.createdAt) }));
  const digest = buildDigest({ calendar, now, arrivals, asks, decisions });
  const parsed = deps.lastShownAt ? Date.parse(deps.lastShownAt) : Number.NaN;
  const lastShown = Number.isNaN(parsed) ? null : parsed;
  const at = (ms: number) => localTime(iso(ms), me.timezone);
  return {
    now: at(now),
    since: at(digest.since),
    workday: { date: digest.workday.date, start: at(digest.workday.start), end: at(digest.workday.end) },
    due: digestDue(now, calendar, lastShown),
    // Dismissed after my previous workday ended: this digest (for this workday, or the next one when I am off) is read.
    dismissed: lastShown !== null && lastShown >= digest.since,
    arrived: digest.arrived.map((a) => ({ id: a.id, title: a.title, author: a.author, sentAt: at(a.sentAt) })),
    dueToday: digest.dueToday.map((a) => ({ id: a.id, title: a.title, author: a.author, replyBy: a.replyBy === null ? null : at(a.replyBy), state: a.state })),
    overdue: digest.overdue.map((a) => ({ id: a.id, title: a.title, author: a.author, replyBy: a.replyBy === null ? null : at(a.replyBy), state: a.state })),
    decisions: digest.decisions.map((d) => ({ clipId: d.clipId, title: d.title, author: d.author, text: d.text, createdAt: at(d.createdAt) })),
  };
}
