import type { Command } from 'commander';
import type { CliContext } from '../context';

export function registerDoctor(program: Command, context: () => CliContext) {
  program
    .command('doctor')
    .description('check ffmpeg, whisper, the data folder, the display, mics and cameras; exit 0 when a recording can be made')
    .action(async () => {
      const ctx = context();
      const report = await ctx.call('app:doctor', {});
      ctx.print(report, () =>
        [
          ...report.checks.map((check) => {
            const mark = check.ok ? '✓' : check.required ? '✗' : '!';
            const fix = !check.ok && check.fix ? `\n    → ${check.fix}` : '';
            return `${mark} ${check.name}: ${check.detail}${fix}`;
          }),
          '',
          'Database module builds (better-sqlite3, one per runtime; `npm run native` makes them):',
          ...report.native.bindings.map(
            (b) => `  ${b.path === report.native.active ? '*' : ' '} ${b.name}: ${b.path}${b.loadsHere ? '' : ` (${b.error ?? 'not for this runtime'})`}`,
          ),
          '',
          report.ready ? 'Ready to record.' : 'Not ready to record: fix the items marked ✗ above.',
        ].join('\n'),
      );
      if (!report.ready) ctx.exitCode = 1;
    });
}
