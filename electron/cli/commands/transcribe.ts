import type { Command } from 'commander';
import type { JobSummary } from '../../../shared/contract/transcription';
import type { CliContext } from '../context';

export function registerTranscribe(program: Command, context: () => CliContext) {
  program
    .command('transcribe <clipId>')
    .description('queue a clip for transcription; with --wait, run it here and show progress on stderr')
    .option('--wait', 'run the queue in this process until the job finishes')
    .option('--model <name>', 'model to use (default: the chosen one; `pocketsphinx-reference` selects the reference recognizer)')
    .option('--language <code>', 'auto (default) or a language code such as en')
    .action(async (clipId: string, options: { wait?: boolean; model?: string; language?: string }) => {
      const ctx = context();
      const job = await ctx.call('transcripts:start', { clipId, model: options.model, language: options.language });
      if (!job) return;
      if (!options.wait) {
        ctx.print(job, () => `Queued transcription job ${job.id} for ${clipId}; it runs while Handoff is open (or use --wait).`);
        return;
      }
      const { transcription, events } = ctx.core;
      const off = events.onAny((event, payload) => {
        if (event !== 'jobs:progress' || ctx.json) return;
        const update = payload as JobSummary;
        if (update.id === job.id) ctx.io.stderr.write(`\r${update.state} ${Math.round(update.progress)}%   `);
      });
      transcription.start();
      let final: JobSummary;
      try {
        final = await transcription.queue.waitFor(job.id);
      } finally {
        off();
        await transcription.stop();
      }
      if (!ctx.json) ctx.io.stderr.write('\n');
      const transcript = transcription.getTranscript(clipId);
      ctx.print({ job: final, transcript }, () =>
        final.state === 'done'
          ? `Transcribed ${clipId}: ${transcript?.segments.length ?? 0} segments (${transcript?.language ?? '?'}); captions.vtt and captions.srt written.`
          : `Transcription ${final.state}${final.error ? `: ${final.error}` : ''}`,
      );
      if (final.state !== 'done') ctx.exitCode = 1;
    });
}
