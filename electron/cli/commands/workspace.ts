import path from 'node:path';
import type { Command } from 'commander';
import { HandoffError } from '../../../shared/result';
import type { CliContext } from '../context';

function describe(info: { kind: string; description: string; autoPublish: boolean }): string {
  return `Workspace: ${info.kind} ${info.description}\nAuto-publish: ${info.autoPublish ? 'on' : 'off'}`;
}

export function registerWorkspace(program: Command, context: () => CliContext) {
  const workspace = program.command('workspace').description('show or choose where updates are shared (a folder or an S3 bucket)');
  workspace
    .command('show', { isDefault: true })
    .description('show the workspace in use')
    .action(async () => {
      const ctx = context();
      const info = await ctx.call('workspace:get', {});
      ctx.print(info, () => describe(info));
    });
  workspace
    .command('use-folder <dir>')
    .description('share through a folder (a synced folder or a network share works across machines); writes my people/ file there')
    .option('--create', 'make the folder if it does not exist yet', false)
    .action(async (dir: string, opts: { create: boolean }) => {
      const ctx = context();
      const info = await ctx.call('workspace:useFolder', { dir: path.resolve(dir), create: opts.create });
      ctx.print(info, () => describe(info));
    });
  workspace
    .command('use-s3')
    .description('share through an S3-compatible bucket; credentials come from the standard AWS environment/profile chain')
    .requiredOption('--bucket <bucket>', 'bucket name')
    .option('--endpoint <url>', 'endpoint URL (omit for AWS S3)', '')
    .option('--prefix <prefix>', 'key prefix inside the bucket', '')
    .option('--region <region>', 'region', '')
    .option('--path-style', 'path-style addressing (MinIO, most self-hosted servers)', false)
    .action(async (opts: { bucket: string; endpoint: string; prefix: string; region: string; pathStyle: boolean }) => {
      const ctx = context();
      const info = await ctx.call('workspace:useS3', opts);
      ctx.print(info, () => describe(info));
    });

  workspace
    .command('public-url <url>')
    .description('where the S3 bucket serves objects without a signature (for lasting links); "off" to clear')
    .action(async (url: string) => {
      const ctx = context();
      if (url !== 'off' && !/^https?:\/\/[^\s]+$/.test(url)) throw new HandoffError('invalid-input', 'Give an http(s) URL, or off.');
      await ctx.call('settings:set', { values: { 'workspace.s3.publicUrl': url === 'off' ? '' : url.replace(/\/+$/, '') } });
      ctx.print({ publicUrl: url === 'off' ? null : url }, () => (url === 'off' ? 'Lasting links are off.' : `Lasting links will be served from ${url}. Check it with \`handoff workspace check-public\`.`));
    });
  workspace
    .command('check-public')
    .description('check that the bucket serves share links publicly (lasting links), with instructions when it does not')
    .action(async () => {
      const ctx = context();
      const s3 = await ctx.core.workspace.s3Access();
      if (!s3) throw new HandoffError('invalid-input', 'The workspace is a folder: lasting links need an S3 workspace (`handoff workspace use-s3`).');
      const { checkPublicBucket } = await import('../../core/share/lasting-public');
      const endpoint = (await ctx.call('settings:get', {}))['workspace.s3.endpoint'] || null;
      try {
        const result = await checkPublicBucket(s3, { endpoint });
        ctx.print(result, () => (result.public ? `Public: ${result.detail} Lasting links work.` : `Not public: ${result.detail}\n\n${result.instructions}`));
        if (!result.public) ctx.exitCode = 1;
      } finally {
        s3.client.destroy();
      }
    });
  workspace
    .command('auto-publish <onOff>')
    .description('publish my clips by themselves as soon as they are ready (on|off)')
    .action(async (onOff: string) => {
      const ctx = context();
      if (onOff !== 'on' && onOff !== 'off') throw new HandoffError('invalid-input', 'Say on or off.');
      await ctx.call('settings:set', { values: { 'workspace.autoPublish': onOff === 'on' } });
      const info = await ctx.call('workspace:get', {});
      ctx.print(info, () => describe(info));
    });

  program
    .command('publish <id>')
    .description('publish a clip to the workspace (video, thumbnail, captions, transcript, then the manifest)')
    .action(async (id: string) => {
      const ctx = context();
      const result = await ctx.call('workspace:publish', { id });
      ctx.print(result, () => (result.alreadyPublished ? `${id} was already published.` : `Published ${id}: ${result.files.join(', ')}`));
    });

  program
    .command('sync')
    .description('index the workspace into the library (incremental after the first run)')
    .option('--full', 'walk the whole workspace instead of reading the change feed')
    .action(async (opts: { full?: boolean }) => {
      const ctx = context();
      const report = await ctx.call('sync:run', { full: Boolean(opts.full) });
      ctx.print(report, () =>
        [
          `Synced ${report.workspace} (${report.mode}, ${report.durationMs} ms): ${report.indexed.updates} updates, ${report.indexed.events} events, ${report.indexed.people} people.`,
          ...report.syncing.map((s) => `  syncing  ${s.clipId ?? s.key}: ${s.reason}`),
          ...report.problems.map((p) => `  ${p.kind.padEnd(16)} ${p.key}: ${p.message}`),
        ].join('\n'),
      );
    });
}
