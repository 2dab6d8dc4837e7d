import type { Command } from 'commander';
import { HandoffError } from '../../../shared/result';
import type { CliContext } from '../context';
import { recordInput, recordUntilStopped } from './record';

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
    .command('comment <id> <text>')
    .description('comment on an update in text (at most 5,000 characters), optionally at a video time or answering a comment')
    .option('--at <time>', 'video time the comment is about, e.g. 0:42')
    .option('--reply-to <eventId>', 'the comment this one answers (see `handoff show-events ID`)')
    .action(async (id: string, text: string, opts: { at?: string; replyTo?: string }) => {
      const ctx = context();
      const result = await ctx.call('events:add', {
        clipId: id,
        kind: 'comment',
        text,
        atMs: opts.at === undefined ? undefined : parseVideoTime(opts.at),
        parentId: opts.replyTo,
      });
      ctx.print(result, () => `Comment ${result.event.id} added to ${id}${opts.at ? ` at ${opts.at}` : ''}${result.published ? '' : ' (local only: the clip is not published)'}.`);
    });

  program
    .command('done <id>')
    .description("mark an update's ask as done (answers it for me without a reply)")
    .action(async (id: string) => {
      const ctx = context();
      const result = await ctx.call('events:add', { clipId: id, kind: 'done' });
      ctx.print(result, () => `Marked ${id} as done.`);
    });

  program
    .command('reply <id> [file]')
    .description('reply to an update with a video file (H.264/AAC MP4) or a recording made now, published like the update')
    .option('--record', 'record the reply now (screen, camera bubble and mic, like `handoff record`)')
    .option('--seconds <n>', 'with --record: stop after this much recorded time (else Enter or Ctrl+C)')
    .option('--camera <dev>', "with --record: camera device, 'synthetic', or none")
    .option('--mic <dev>', "with --record: microphone device, 'synthetic', or none")
    .option('--synthetic [source]', "with --record: synthetic camera and mic (test pattern and tone, or a media file)")
    .action(async (id: string, file: string | undefined, opts: { record?: boolean; seconds?: string; camera?: string; mic?: string; synthetic?: string | boolean }) => {
      const ctx = context();
      if (opts.record) {
        if (file) throw new HandoffError('invalid-input', 'Give either a FILE or --record, not both.');
        const seconds = opts.seconds === undefined ? null : Number(opts.seconds);
        if (seconds !== null && !(seconds > 0)) throw new HandoffError('invalid-input', `--seconds must be a positive number, not ${opts.seconds}`);
        // The parent must exist before anything is recorded.
        const parent = ctx.core.library.get(id);
        const input = recordInput({ camera: opts.camera, mic: opts.mic, synthetic: opts.synthetic, title: `Re: ${parent.title || 'update'}`.slice(0, 300) }, seconds);
        const recorded = await recordUntilStopped(ctx, { ...input, replyTo: id });
        if (recorded.status !== 'ready') {
          ctx.print({ recording: recorded }, () => `The reply recording ended ${recorded.status}; nothing was sent.`);
          ctx.exitCode = 1;
          return;
        }
        const result = await ctx.core.workspace.replyWithClip(id, recorded.id);
        ctx.print({ ...result, durationMs: recorded.durationMs, videoPath: recorded.videoPath }, () => `Replied to ${id} with a ${((recorded.durationMs ?? 0) / 1000).toFixed(1)} s recording, clip ${result.clipId}.`);
        return;
      }
      if (opts.seconds !== undefined || opts.synthetic !== undefined || opts.camera !== undefined || opts.mic !== undefined) {
        throw new HandoffError('invalid-input', '--seconds, --camera, --mic and --synthetic go with --record.');
      }
      if (!file) throw new HandoffError('invalid-input', 'Give a video FILE to reply with (or --record).');
      const result = await ctx.core.workspace.reply(id, file);
      ctx.print(result, () => `Replied to ${id} with clip ${result.clipId}.`);
    });

  program
    .command('show-events <id>')
    .description("an update's events: seen, reactions, replies, decisions, comments, done (--json: with author, time and text)")
    .action(async (id: string) => {
      const ctx = context();
      const result = await ctx.call('events:list', { clipId: id });
      ctx.print(result, () =>
        result.events
          .map((e) => `${e.createdAt}  ${e.author}  ${e.kind}${e.parentId ? ` (reply to ${e.parentId})` : ''}${e.atMs !== null ? ` at ${(e.atMs / 1000).toFixed(1)}s` : ''} ${e.emoji ?? ''}${e.text ?? ''}${e.replyClipId ? ` → ${e.replyClipId}` : ''}  [${e.id}]`)
          .join('\n') || 'No events.',
      );
    });
}
