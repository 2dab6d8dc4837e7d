import type { Command } from 'commander';
import { HandoffError } from '../../../shared/result';
import type { CliContext } from '../context';

/** "0:42", "1:02:03", "42" or "42.5" → milliseconds. */
export function parseVideoTime(text: string): number {
  const match = /^(?:(\d+):)?(?:(\d+):)?(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match) throw new HandoffError('invalid-input', `Not a video time: ${text} (use 0:42 or 42)`);
  const parts = text.trim().split(':').map(Number);
  const seconds = parts.reduce((total, part) => total * 60 + part, 0);
  return Math.round(seconds * 1000);
}

export function registerUpdates(program: Command, context: () => CliContext) {
  program
    .command('edit <id>')
    .description('set what an update carries besides the video (before publishing)')
    .option('--title <text>')
    .option('--context <text>', 'the background a reader needs')
    .option('--ask <text>', 'the question or decision wanted ("" to clear)')
    .option('--due <iso>', 'deadline, ISO 8601 ("" to clear)')
    .option('--urgency <level>', 'fyi | reply-needed | urgent')
    .option('--recipients <a,b>', 'people ids or names; empty means the whole team')
    .option('--reply-to <id>', 'the update this one answers')
    .action(async (id: string, opts: { title?: string; context?: string; ask?: string; due?: string; urgency?: string; recipients?: string; replyTo?: string }) => {
      const ctx = context();
      const urgency = opts.urgency as 'fyi' | 'reply-needed' | 'urgent' | undefined;
      const result = await ctx.call('updates:edit', {
        id,
        title: opts.title,
        context: opts.context === undefined ? undefined : opts.context || null,
        ask: opts.ask === undefined ? undefined : opts.ask || null,
        dueAt: opts.due === undefined ? undefined : opts.due || null,
        urgency,
        recipients: opts.recipients === undefined ? undefined : opts.recipients.split(',').map((r) => r.trim()).filter(Boolean),
        replyTo: opts.replyTo,
      });
      ctx.print(result, () => `Updated ${id}: ${result.title || '(untitled)'}, ${result.urgency}${result.ask ? `, asks: ${result.ask}` : ''}${result.dueAt ? `, due ${result.dueAt}` : ''}`);
    });

  program
    .command('react <id>')
    .description('react at a moment of the video')
    .requiredOption('--at <time>', 'video time, e.g. 0:42')
    .requiredOption('--emoji <emoji>')
    .action(async (id: string, opts: { at: string; emoji: string }) => {
      const ctx = context();
      const result = await ctx.call('events:add', { clipId: id, kind: 'reaction', atMs: parseVideoTime(opts.at), emoji: opts.emoji });
      ctx.print(result, () => `Reacted ${opts.emoji} at ${opts.at}${result.published ? '' : ' (local only: the clip is not published)'}.`);
    });

  program
    .command('seen <id>')
    .description('mark an update as seen')
    .action(async (id: string) => {
      const ctx = context();
      const result = await ctx.call('events:add', { clipId: id, kind: 'seen' });
      ctx.print(result, () => `Marked ${id} as seen.`);
    });

  program
    .command('decide <id> <text>')
    .description('record a decision on an update')
    .action(async (id: string, text: string) => {
      const ctx = context();
      const result = await ctx.call('events:add', { clipId: id, kind: 'decision', text });
      ctx.print(result, () => `Decision recorded on ${id}.`);
    });

  program
    .command('reply <id> [file]')
    .description('reply to an update with a video file (H.264/AAC MP4), published like the update')
    .option('--record', 'record the reply now')
    .action(async (id: string, file: string | undefined, opts: { record?: boolean }) => {
      const ctx = context();
      if (opts.record) throw new HandoffError('unavailable', 'Recording a reply is not available yet: record a clip, then `handoff reply ID FILE`.');
      if (!file) throw new HandoffError('invalid-input', 'Give a video FILE to reply with (or --record).');
      const result = await ctx.core.workspace.reply(id, file);
      ctx.print(result, () => `Replied to ${id} with clip ${result.clipId}.`);
    });

  program
    .command('show-events <id>')
    .description("an update's events: seen, reactions, replies, decisions")
    .action(async (id: string) => {
      const ctx = context();
      const result = await ctx.call('events:list', { clipId: id });
      ctx.print(result, () =>
        result.events
          .map((e) => `${e.createdAt}  ${e.author}  ${e.kind}${e.atMs !== null ? ` at ${(e.atMs / 1000).toFixed(1)}s` : ''} ${e.emoji ?? ''}${e.text ?? ''}${e.replyClipId ? ` → ${e.replyClipId}` : ''}`)
          .join('\n') || 'No events.',
      );
    });
}
