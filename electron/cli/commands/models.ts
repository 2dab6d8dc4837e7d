import type { Command } from 'commander';
import type { CliContext } from '../context';

function mb(bytes: number | null): string {
  return bytes === null ? '?' : `${Math.round(bytes / 1_048_576)} MB`;
}

export function registerModels(program: Command, context: () => CliContext) {
  const models = program.command('models').description('list, download, import and choose Whisper models');

  models
    .command('list', { isDefault: true })
    .description('known and installed models; * marks the one transcription uses')
    .action(async () => {
      const ctx = context();
      const result = await ctx.call('models:list', {});
      ctx.print(result, () =>
        [
          ...result.models.map(
            (m) => `${m.isDefault ? '*' : ' '} ${m.name.padEnd(16)} ${(m.installed ? 'installed' : '-').padEnd(10)} ${mb(m.sizeBytes).padStart(8)}  ${m.description}`,
          ),
          ...(result.hint ? ['', result.hint] : []),
        ].join('\n'),
      );
    });

  models
    .command('download <name>')
    .description('download a known model (resumable; verified by SHA-256) from the transcription.modelBaseUrl setting')
    .action(async (name: string) => {
      const ctx = context();
      const off = ctx.core.events.onAny((event, payload) => {
        if (event !== 'models:progress' || ctx.json) return;
        const { receivedBytes, totalBytes } = payload as { receivedBytes: number; totalBytes: number };
        ctx.io.stderr.write(`\rdownloading ${name}: ${Math.floor((receivedBytes / totalBytes) * 100)}% of ${mb(totalBytes)}`);
      });
      try {
        const result = await ctx.call('models:download', { name });
        if (!ctx.json) ctx.io.stderr.write('\n');
        ctx.print(result, () => `Installed ${result.name} (${mb(result.sizeBytes)}).`);
      } finally {
        off();
      }
    });

  models
    .command('import <file>')
    .description('copy a ggml model file into the models folder (checked to be a Whisper model)')
    .option('--name <name>', 'model name (default: from the file name, ggml-NAME.bin)')
    .action(async (file: string, options: { name?: string }) => {
      const ctx = context();
      // A file path is a CLI-only input: the renderer sends ids, never paths, so this is not a contract call.
      const result = await ctx.core.transcription.models.importFile(file, options.name);
      await ctx.core.transcription.queue.requeueNoModel();
      ctx.print(result, () => `Imported ${result.name} (${mb(result.sizeBytes)}) → ${result.path}`);
    });

  models
    .command('use <name>')
    .description('choose the model transcription uses')
    .action(async (name: string) => {
      const ctx = context();
      const result = await ctx.call('models:use', { name });
      ctx.print(result, () => `Transcription now uses ${result.name}.`);
    });
}
