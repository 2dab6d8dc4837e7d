import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../context';
import { replyByText } from '../../../shared/norms/format';

/** commander hands option values over as text; a page size is a whole number, said plainly when it is not. */
function wholeNumber(flag: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError(`${flag} takes a whole number of days, 1 or more.`);
  return parsed;
}

export function registerInbox(program: Command, context: () => CliContext) {
  program
    .command('inbox')
    .description("updates by the workday they belong to in the sender's time zone, newest day first; what needs my reply on top")
    .option('--viewer-tz <iana>', 'show times in this zone (default: my profile time zone)')
    .option('--now <iso>', 'pretend it is this instant (default: now)')
    .option('--days <n>', 'how many workdays to list (default 14)', (value) => wholeNumber('--days', value))
    .option('--before <date>', 'list the workdays before this date (YYYY-MM-DD), for the page after the one shown')
    .action(async (opts: { viewerTz?: string; now?: string; days?: number; before?: string }) => {
      const ctx = context();
      const inbox = await ctx.call('inbox:get', { viewerTimezone: opts.viewerTz, now: opts.now, days: opts.days, before: opts.before });
      const line = (c: (typeof inbox.workdays)[number]['clips'][number]) =>
        `  ${c.senderLocalTime.slice(11, 16)} ${c.authorTimezone} (${c.viewerLocalTime.slice(11, 16)} yours)  ${c.author}: ${c.title || '(untitled)'}` +
        `${c.ask ? ` — asks: ${c.ask}` : ''}${c.replyBy ? ` — ${replyByText(Date.parse(c.replyBy), (c.workingHoursLeft ?? 0) * 3_600_000, inbox.viewer.timezone, c.replyState === 'overdue')}${c.replyState === 'on-track' ? '' : ` [${c.replyState}]`}` : c.dueAt ? ` — due ${c.dueViewerLocalTime}` : ''}${c.state === 'syncing' ? ' [syncing]' : ''}${c.future ? ' [future timestamp]' : ''}  ${c.id}`;
      ctx.print(inbox, () =>
        [
          `Inbox for ${inbox.viewer.timezone} at ${inbox.viewer.now}`,
          ...(inbox.needsReply.length ? ['', 'Needs your reply:', ...inbox.needsReply.map(line)] : []),
          ...inbox.workdays.flatMap((day) => [
            '',
            `${day.date}  ${day.timezones.map((t) => `${t.timezone}: ${t.state}`).join(', ')}`,
            ...day.clips.map(line),
          ]),
          ...(inbox.page?.nextBefore ? ['', `Older workdays: handoff inbox --before ${inbox.page.nextBefore}`] : []),
        ].join('\n'),
      );
    });
}
