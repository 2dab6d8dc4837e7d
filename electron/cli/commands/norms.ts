// `handoff norms | overlap | digest`: the team's response-time norms, the overlap planner and the start-of-day digest.
import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { parseWindow } from '../../core/workspace/norms';
import type { CliContext } from '../context';

const hoursText = (h: number | null) => (h === null ? 'none' : `${h} working hour${h === 1 ? '' : 's'}`);
/** "Tue 16:00" from an ISO time with its offset, in that offset. */
const dayTime = (iso: string) => DateTime.fromISO(iso, { setZone: true, locale: 'en-US' }).toFormat('ccc d LLL HH:mm');
const hm = (iso: string) => iso.slice(11, 16);

export function registerNorms(program: Command, context: () => CliContext) {
  program
    .command('norms')
    .description('show the team’s reply windows per urgency, or publish new ones to the workspace (newest wins)')
    .option('--urgent <window>', 'reply window for urgent asks in working time: 4h, 90m or none')
    .option('--reply-needed <window>', 'reply window for reply-needed asks: 16h, or none')
    .option('--fyi <window>', 'reply window for fyi updates (default none)')
    .action(async (opts: { urgent?: string; replyNeeded?: string; fyi?: string }) => {
      const ctx = context();
      const patch = {
        ...(opts.urgent !== undefined ? { urgent: parseWindow(opts.urgent) } : {}),
        ...(opts.replyNeeded !== undefined ? { 'reply-needed': parseWindow(opts.replyNeeded) } : {}),
        ...(opts.fyi !== undefined ? { fyi: parseWindow(opts.fyi) } : {}),
      };
      const result = Object.keys(patch).length ? await ctx.call('norms:set', patch) : await ctx.call('norms:get', {});
      ctx.print(result, () =>
        [
          `urgent:        ${hoursText(result.norms.urgent)}`,
          `reply-needed:  ${hoursText(result.norms['reply-needed'])}`,
          `fyi:           ${hoursText(result.norms.fyi)}`,
          result.publishedAt ? `set by ${result.author} at ${result.publishedAt}` : 'the defaults (nobody on the team has published norms yet)',
        ].join('\n'),
      );
    });

  program
    .command('overlap')
    .description('when the named people (default: the whole team) are all, or at least K of them, at work in the next days')
    .option('--people <names>', 'comma-separated names')
    .option('--days <n>', 'how many days ahead', '7')
    .option('--min-people <k>', 'at least this many of them instead of all')
    .option('--now <iso>', 'pretend it is this instant')
    .action(async (opts: { people?: string; days: string; minPeople?: string; now?: string }) => {
      const ctx = context();
      const plan = await ctx.call('overlap:plan', {
        people: opts.people ? opts.people.split(',').map((p) => p.trim()).filter(Boolean) : undefined,
        days: Number(opts.days),
        minPeople: opts.minPeople !== undefined ? Number(opts.minPeople) : undefined,
        now: opts.now,
      });
      const window = (w: (typeof plan.windows)[number]) =>
        [
          `  ${dayTime(w.start)}–${hm(w.end)} your time (${w.minutes} min)${w.missing.length ? `, without ${w.missing.join(', ')}` : ''}`,
          ...w.local.map((l) => `      ${l.name.padEnd(16)} ${dayTime(l.start)}–${hm(l.end)} ${l.timezone}`),
        ].join('\n');
      ctx.print(plan, () => {
        const who = plan.people.map((p) => p.name).join(', ');
        if (plan.windows.length) return [`${plan.windows.length} window(s) when ${plan.required === plan.people.length ? 'all of' : `at least ${plan.required} of`} ${who} are working, best first:`, ...plan.windows.map(window)].join('\n');
        if (plan.partial) return [`No time when ${plan.required === plan.people.length ? 'all of' : `${plan.required} of`} ${who} are working in the next ${opts.days} days. Nearest partial window:`, window(plan.partial)].join('\n');
        return `Nobody of ${who} is working in the next ${opts.days} days.`;
      });
    });

  program
    .command('digest')
    .description('the start-of-day digest: what arrived since my last workday, what is due today, what is overdue, decisions')
    .option('--now <iso>', 'pretend it is this instant')
    .option('--dismiss', 'mark it read: it shows again at the start of my next workday')
    .action(async (opts: { now?: string; dismiss?: boolean }) => {
      const ctx = context();
      const digest = await ctx.call('digest:get', { now: opts.now });
      if (opts.dismiss) await ctx.call('digest:dismiss', { now: opts.now });
      const ask = (a: (typeof digest.dueToday)[number]) => `  ${a.author}: ${a.title || '(untitled)'}${a.replyBy ? ` — reply by ${dayTime(a.replyBy)}` : ''}  ${a.id}`;
      ctx.print(digest, () =>
        [
          `Digest for ${digest.workday.date} (since ${dayTime(digest.since)})`,
          '',
          `Overdue (${digest.overdue.length}):`,
          ...digest.overdue.map(ask),
          `Due today (${digest.dueToday.length}):`,
          ...digest.dueToday.map(ask),
          `Arrived (${digest.arrived.length}):`,
          ...digest.arrived.map((a) => `  ${dayTime(a.sentAt)} ${a.author}: ${a.title || '(untitled)'}  ${a.id}`),
          `Decisions (${digest.decisions.length}):`,
          ...digest.decisions.map((d) => `  ${d.author} on “${d.title || d.clipId}”: ${d.text}`),
        ].join('\n'),
      );
    });
}
