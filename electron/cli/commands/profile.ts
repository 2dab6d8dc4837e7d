import type { Command } from 'commander';
import type { CliContext } from '../context';
import { messageOf } from '../../../shared/result';
import { forTerminal } from '../terminal-text';

export function registerProfile(program: Command, context: () => CliContext) {
  program
    .command('profile')
    .description('show or change my name, IANA time zone and working hours')
    .option('--name <name>', 'my display name')
    .option('--timezone <tz>', 'IANA time zone, e.g. Europe/Berlin')
    .option('--hours <HH:MM-HH:MM>', 'working hours, e.g. 09:00-17:30')
    .option('--workdays <days>', 'the days I work, e.g. mon-fri, sun-thu, mon,tue,thu')
    .action(async (opts: { name?: string; timezone?: string; hours?: string; workdays?: string }) => {
      const ctx = context();
      const changing = opts.name !== undefined || opts.timezone !== undefined || opts.hours !== undefined || opts.workdays !== undefined;
      const profile = changing
        ? await ctx.call('profile:set', { name: opts.name, timezone: opts.timezone, workingHours: opts.hours, workdays: opts.workdays })
        : await ctx.call('profile:get', {});
      if (changing) {
        // Teammates learn my zone and hours from my people/ file; a workspace that can't be reached is not fatal here.
        await ctx.core.workspace.publishProfile().catch((error: unknown) => {
          ctx.io.stderr.write(`handoff: profile saved, but not written to the workspace yet: ${forTerminal(messageOf(error))}\n`);
        });
      }
      ctx.print(profile, () =>
        [
          `Name:          ${profile.name}`,
          `Time zone:     ${profile.timezone}${profile.timezoneDetected ? ' (detected)' : ''}`,
          `Working hours: ${profile.workingHours}`,
          `Workdays:      ${profile.workdays}`,
          `Id:            ${profile.id}`,
        ].join('\n'),
      );
    });

  program
    .command('people')
    .description('list the team (from the workspace people/ files)')
    .action(async () => {
      const ctx = context();
      const { people } = await ctx.call('people:list', {});
      ctx.print({ people }, () =>
        people.map((p) => `${p.isMe ? '* ' : '  '}${p.name.padEnd(24)} ${p.timezone.padEnd(24)} ${p.workingHours} ${p.workdays}`).join('\n') || 'No people yet.',
      );
    });
}
