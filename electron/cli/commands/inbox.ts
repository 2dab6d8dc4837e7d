import type { Command } from 'commander';
import type { CliContext } from '../context';
import { replyByText } from '../../../shared/norms/format';

export function registerInbox(program: Command, context: () => CliContext) {
  program
    .command('inbox')
    .description("updates by the workday they belong to in the sender's time zone, newest day first; what needs my reply on top")
    .option('--viewer-tz <iana>', 'show times in this zone (default: my profile time zone)')
    .option('--now <iso>', 'pretend it is this instant (default: now)')
    .action(async (opts: { viewerTz?: string; now?: string }) => {
      const ctx = context();
      const inbox = await ctx.call('inbox:get', { viewerTimezone: opts.viewerTz, now: opts.now });
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
        ].join('\n'),
      );
    });
}
