import type { Command } from 'commander';
import type { CliContext } from '../context';
import { formatDuration } from './import';

export function registerSearch(program: Command, context: () => CliContext) {
  program
    .command('search')
    .description('search titles, context, asks, decisions and every spoken word; "phrases", prefix*, AND/OR/NOT')
    .argument('<query...>')
    // A query may start with a dash ("-v2 regression"): words commander does not know are search words.
    .allowUnknownOption()
    .option('--limit <n>', 'how many hits', '20')
    .option('--author <name>', 'only clips by this person')
    .option('--since <date>', 'only clips recorded on or after this date (e.g. 2026-01-31)')
    .action(async (words: string[], options: { limit: string; author?: string; since?: string }) => {
      const ctx = context();
      const limit = Number(options.limit);
      const result = await ctx.call('search:query', {
        query: words.join(' '),
        limit: Number.isInteger(limit) ? limit : 20,
        author: options.author,
        since: options.since,
      });
      ctx.print(result, () =>
        result.hits.length
          ? result.hits
              .map((hit) => {
                const at = hit.startMs === null ? hit.field : `at ${formatDuration(hit.startMs)}`;
                return `${hit.clipId}  ${at.padEnd(10)}  ${hit.title} — ${hit.author}\n    ${hit.snippet.replace(/\s+/g, ' ')}`;
              })
              .join('\n')
          : 'No matches.',
      );
    });
}
