import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { HandoffError } from '../../../shared/result';
import { startBackgroundWork } from '../../core/background';
import { newToken } from '../../host/security';
import { startHostServer } from '../../host/server';
import { repoRoot, type CliContext } from '../context';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new HandoffError('invalid-input', `--port must be 0–65535, not ${value}`);
  return port;
}

export function registerWeb(program: Command, context: () => CliContext) {
  program
    .command('web')
    .description('run the whole app in a browser on this machine (127.0.0.1, protected by a random token)')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .action(async (options: { port: string }) => {
      const ctx = context();
      const rendererDir = path.join(repoRoot, 'out', 'renderer');
      if (!existsSync(path.join(rendererDir, 'index.html'))) {
        throw new HandoffError('unavailable', `The app is not built (${rendererDir} is missing): run \`npm run build\`.`);
      }
      const core = ctx.core;
      const stopBackground = startBackgroundWork(core);
      const host = await startHostServer({
        dispatch: core.dispatch,
        events: core.events,
        rendererDir,
        token: newToken(),
        port: parsePort(options.port),
        logger: core.options.logger.child('web'),
        serveMedia: (id, file, range) => core.media.serve(id, file, range),
      });
      ctx.print({ url: host.launchUrl, port: host.port, dataDir: ctx.dataDir }, () =>
        `Handoff is running in browser mode. Open:\n\n  ${host.launchUrl}\n\nData folder: ${ctx.dataDir}\nPress Ctrl+C to stop.`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.close();
      await stopBackground();
    });
}
