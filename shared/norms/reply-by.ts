// replyBy and its state for one recipient (DESIGN.md "Response-time norms"): the explicit dueAt when the update has
// one; otherwise the urgency's window of working hours, counted in the recipient's calendar from the later of the send
// instant and their next working moment.
import { addWorkingMs, HOUR_MS, nextWorkingMoment, workdayMs, workingMsBetween, type WorkingCalendar } from './calendar';

export type Urgency = 'fyi' | 'reply-needed' | 'urgent';

/** Reply window per urgency in working hours; null: no expected reply time. */
export interface Norms {
  urgent: number | null;
  'reply-needed': number | null;
  fyi: number | null;
}

export const DEFAULT_NORMS: Norms = { urgent: 4, 'reply-needed': 16, fyi: null };

export type ReplyState = 'answered' | 'overdue' | 'due-soon' | 'on-track';

export interface ReplyPlan {
  /** UTC ms. */
  replyBy: number;
  /** Where the window starts counting (the send instant or the recipient's next working moment after it). */
  start: number;
  /** The whole window in the recipient's working time (for an explicit dueAt: the working time up to it). */
  windowMs: number;
  explicit: boolean;
}

/** Under this much working time left, an ask is due soon whatever its window. */
export const DUE_SOON_MS = 2 * HOUR_MS;
/** And in the last quarter of its window. */
export const DUE_SOON_FRACTION = 0.25;

export function replyPlan(
  ask: { sentAt: number; dueAt: number | null; urgency: Urgency },
  cal: WorkingCalendar,
  norms: Norms,
): ReplyPlan | null {
  const start = nextWorkingMoment(cal, ask.sentAt);
  if (ask.dueAt !== null) {
    return { replyBy: ask.dueAt, start, windowMs: Math.max(0, workingMsBetween(cal, start, ask.dueAt)), explicit: true };
  }
  const hours = norms[ask.urgency];
  if (hours === null || hours === undefined) return null;
  const windowMs = Math.round(hours * HOUR_MS);
  return { replyBy: addWorkingMs(cal, start, windowMs), start, windowMs, explicit: false };
}

export interface ReplyStatus {
  state: ReplyState;
  /** The recipient's working time from now to replyBy; negative once past. */
  workingMsLeft: number;
}

export function replyStatus(plan: ReplyPlan, cal: WorkingCalendar, now: number, answered: boolean): ReplyStatus {
  const workingMsLeft = workingMsBetween(cal, now, plan.replyBy);
  if (answered) return { state: 'answered', workingMsLeft };
  if (now > plan.replyBy) return { state: 'overdue', workingMsLeft };
  if (workingMsLeft < DUE_SOON_MS || workingMsLeft <= plan.windowMs * DUE_SOON_FRACTION) return { state: 'due-soon', workingMsLeft };
  return { state: 'on-track', workingMsLeft };
}

/** Overdue by at least one of the recipient's working days: the point where the app proposes talking live. */
export function overdueByAWorkday(status: ReplyStatus, cal: WorkingCalendar): boolean {
  return status.state === 'overdue' && -status.workingMsLeft >= workdayMs(cal);
}

/** Thread length past which talking live is proposed. */
export const THREAD_ESCALATION_REPLIES = 6;
