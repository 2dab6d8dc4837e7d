// `handoff list | show | rename | delete | backup`: the library from the terminal, through the same contract as the UI
// (backup goes to the core directly: it writes a path the person chose, which the contract never carries).
import type { Command } from 'commander';
import type { ClipSummary } from '../../../shared/contract/clips';
import type { CliContext } from '../context';
import { formatDuration } from './import';
import { describeMedia } from './media';

function line(clip: ClipSummary): string {
  const duration = clip.durationMs === null ? '–' : formatDuration(clip.durationMs);
  return `${clip.id}  ${clip.recordedAt.slice(0, 16).replace('T', ' ')}Z  ${duration.padStart(7)}  ${clip.author}  ${clip.title}`;
}

export function registerLibrary(program: Command, context: () => CliContext) {
  program
    .command('list')
    .description('list clips, newest first')
    .option('--limit <n>', 'how many', '100')
    .action(async (options: { limit: string }) => {
      const ctx = context();
      const result = await ctx.call('clips:list', { limit: Number(options.limit) });
      ctx.print(result, () => (result.clips.length ? result.clips.map(line).join('\n') : 'No clips yet. Add one with `handoff import FILE`.'));
    });

  program
    .command('show')
    .description('one clip in detail, with its transcript')
    .argument('<id>')
    .option('--now <iso>', 'pretend it is this instant (for the recipients’ reply states)')
    .action(async (id: string, opts: { now?: string }) => {
      const ctx = context();
      const clip = await ctx.call('clips:get', { id });
      const [{ events }, transcript, replies, media] = await Promise.all([
        ctx.call('events:list', { clipId: id }),
        ctx.call('transcripts:get', { clipId: id }),
        ctx.call('replies:recipients', { id, now: opts.now }),
        ctx.call('media:status', { id }),
      ]);
      const detail = {
        ...clip,
        events,
        transcription: { state: transcript.state, language: transcript.language, job: transcript.job, hint: transcript.hint },
        recipients: replies.recipients,
        talkLive: replies.talkLive,
        media,
      };
      ctx.print(detail, () =>
        [
          line(clip),
          `  author time zone: ${clip.authorTimezone}   size: ${clip.sizeBytes ?? '–'} bytes   ${clip.width ? `${clip.width}×${clip.height}` : 'audio only'}`,
          `  state: ${clip.state}   transcript: ${clip.transcriptState}   source: ${clip.source}`,
          `  ${describeMedia(media)}`,
          ...(clip.context ? [`  context: ${clip.context}`] : []),
          ...(clip.ask ? [`  ask: ${clip.ask}`] : []),
          ...replies.recipients.map(
            (r) => `  ${r.name} (${r.timezone ?? 'zone unknown'}): ${r.state}${r.replyBy ? `, reply by ${r.replyBy}` : ''}${r.seenAt ? `, seen ${r.seenAt}` : ''}`,
          ),
          ...(replies.talkLive ? [`  ${replies.talkLive.text}`] : []),
          ...clip.decisions.map((d) => `  decision (${d.author}): ${d.text}`),
          ...(transcript.hint ? [`  transcription: ${transcript.hint}`] : []),
          ...(transcript.job?.error ? [`  transcription failed: ${transcript.job.error}`] : []),
          ...events
            .filter((e) => e.kind !== 'decision')
            .map((e) => `  ${e.kind} by ${e.author}${e.atMs != null ? ` at ${formatDuration(e.atMs)}` : ''}${e.emoji ? ` ${e.emoji}` : ''}${e.text ? `: ${e.text}` : ''}`),
          ...(clip.segments.length ? ['', ...clip.segments.map((s) => `  [${formatDuration(s.startMs)}] ${s.text}`)] : []),
        ].join('\n'),
      );
    });

  program
    .command('rename')
    .description('give a clip a new title')
    .argument('<id>')
    .argument('<title>')
    .action(async (id: string, title: string) => {
      const ctx = context();
      const clip = await ctx.call('clips:rename', { id, title });
      ctx.print(clip, () => `Renamed ${clip.id} to “${clip.title}”.`);
    });

  program
    .command('delete')
    .description('delete a clip: its rows, transcript, links and files')
    .argument('<id>')
    .action(async (id: string) => {
      const ctx = context();
      const result = await ctx.call('clips:delete', { id });
      ctx.print(result, () => (result.filesRemoved ? `Deleted ${id}.` : `Deleted ${id} from the library, but: ${result.filesProblem}`));
      if (!result.filesRemoved) ctx.exitCode = 1;
    });

  program
    .command('backup')
    .description('copy the library database to FILE with SQLite online backup (safe while the app runs)')
    .argument('<file>')
    .action(async (file: string) => {
      const ctx = context();
      const result = await ctx.core.library.backup(file);
      ctx.print(result, () => `Backed up the library to ${result.file} (${result.bytes} bytes). Media files are in ${ctx.core.paths.clipsDir}.`);
    });
}
