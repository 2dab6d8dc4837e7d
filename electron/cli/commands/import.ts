// `handoff import FILE`: the core service directly, not the contract (the renderer never sends paths), with
// progress on stderr so stdout stays clean for --json.
import type { Command } from 'commander';
import { HandoffError } from '../../../shared/result';
import { toClipDetail } from '../../core/library/library';
import type { CliContext } from '../context';

export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

export function registerImport(program: Command, context: () => CliContext) {
  program
    .command('import')
    .description('add a video or audio file (webm, mov, mkv, mp4, m4a, wav, …) to the library')
    .argument('<file>')
    .option('--title <title>', 'the clip title (default: the file name)')
    .option('--author <name>', 'who recorded it (default: profile.name)')
    .option('--recorded-at <iso>', 'when it was recorded (default: the file creation time)')
    .option('--timezone <iana>', "the sender's time zone when it was recorded (default: profile.timezone, else this machine's)")
    .action(async (file: string, options: { title?: string; author?: string; recordedAt?: string; timezone?: string }) => {
      const ctx = context();
      let recordedAt: Date | undefined;
      if (options.recordedAt !== undefined) {
        recordedAt = new Date(options.recordedAt);
        if (Number.isNaN(recordedAt.getTime())) throw new HandoffError('invalid-input', `--recorded-at: not a time: ${options.recordedAt}`);
      }
      let shown = -1;
      // Without --author the clip is mine: once my name is set, the workspace profile (with my id and zone) names me, so
      // the clip's author is the same person my published updates and replies carry. With no name the library refuses.
      const named = options.author === undefined && (await ctx.call('settings:get', {}))['profile.name'] !== '';
      const me = named ? ctx.core.workspace.people.getProfile() : null;
      const result = await ctx.core.library.import({
        file,
        title: options.title,
        author: options.author ?? me?.name,
        timezone: options.timezone ?? me?.timezone,
        recordedAt,
        onProgress: (fraction) => {
          const percent = Math.floor(fraction * 100);
          if (percent === shown) return;
          shown = percent;
          ctx.io.stderr.write(`converting: ${percent}%\n`);
        },
      });
      const detail = toClipDetail(ctx.core.db, result.clip);
      const how = result.videoCopied || result.audioCopied ? 'stream-copied' : 'converted';
      ctx.print(
        { clip: detail, videoCopied: result.videoCopied, audioCopied: result.audioCopied, thumbnail: result.thumbnail, notes: result.notes },
        () =>
          [
            `Imported ${detail.id}: “${detail.title}” by ${detail.author} (${how}, ${formatDuration(detail.durationMs ?? 0)}${detail.width ? `, ${detail.width}×${detail.height}` : ''})`,
            ...result.notes.map((note) => `  note: ${note}`),
          ].join('\n'),
      );
    });
}
