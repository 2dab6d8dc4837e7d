// The start-of-day digest: what arrived since the end of my previous workday, what is due by the end of this one,
// what is overdue, and the decisions made. "This workday" is the shift I am in, or the next one when I am off (at
// 02:00 on a Monday the digest prepares Monday), so the digest never reads as empty just because it is night.
import { currentOrNextShift, isWorkingAt, shiftsBefore, type WorkingCalendar } from './calendar';
import type { ReplyState } from './reply-by';

export interface DigestAsk {
  id: string;
  title: string;
  author: string;
  /** UTC ms. */
  sentAt: number;
  replyBy: number | null;
  state: ReplyState;
}

export interface DigestArrival {
  id: string;
  title: string;
  author: string;
  sentAt: number;
}

export interface DigestDecision {
  clipId: string;
  title: string;
  author: string;
  text: string;
  createdAt: number;
}

export interface Digest {
  /** The end of my previous workday (UTC ms): everything after it is new. */
  since: number;
  /** The workday this digest is for. */
  workday: { date: string; start: number; end: number };
  arrived: DigestArrival[];
  dueToday: DigestAsk[];
  overdue: DigestAsk[];
  decisions: DigestDecision[];
}

export function digestSpan(cal: WorkingCalendar, now: number): { since: number; workday: { date: string; start: number; end: number } } {
  const today = currentOrNextShift(cal, now);
  let since = today.start - 86_400_000;
  for (const shift of shiftsBefore(cal, today.start)) {
    since = shift.end;
    break;
  }
  return { since, workday: { date: today.date, start: today.start, end: today.end } };
}

export function buildDigest(input: {
  calendar: WorkingCalendar;
  now: number;
  arrivals: DigestArrival[];
  asks: DigestAsk[];
  decisions: DigestDecision[];
}): Digest {
  const { since, workday } = digestSpan(input.calendar, input.now);
  const open = input.asks.filter((ask) => ask.state !== 'answered' && ask.replyBy !== null);
  const byReplyBy = (a: DigestAsk, b: DigestAsk) => (a.replyBy as number) - (b.replyBy as number) || a.sentAt - b.sentAt;
  return {
    since,
    workday,
    arrived: input.arrivals.filter((a) => a.sentAt >= since && a.sentAt <= input.now).sort((a, b) => a.sentAt - b.sentAt),
    dueToday: open.filter((ask) => ask.state !== 'overdue' && (ask.replyBy as number) <= workday.end).sort(byReplyBy),
    overdue: open.filter((ask) => ask.state === 'overdue').sort(byReplyBy),
    decisions: input.decisions.filter((d) => d.createdAt >= since && d.createdAt <= input.now).sort((a, b) => a.createdAt - b.createdAt),
  };
}

/** Whether to show the digest now: I am at work and it has not been shown since this workday began. */
export function digestDue(now: number, cal: WorkingCalendar, lastShown: number | null): boolean {
  if (!isWorkingAt(cal, now)) return false;
  const shift = currentOrNextShift(cal, now);
  return lastShown === null || lastShown < shift.start;
}
