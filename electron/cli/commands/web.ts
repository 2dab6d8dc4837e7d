import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { HandoffError } from '../../../shared/result';
import type { CoreFailure, WorkerCore } from '../../core/worker/core-client';
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
      // The core runs in a worker thread: a migration, a sync or a search never holds up this thread's HTTP and
      // WebSocket traffic. The page shows the start-up migration's progress, so the URL is printed before it ends.
      const logger = ctx.logger('web');
      let core: WorkerCore | null = null;
      let gaveUp!: (failure: CoreFailure) => void;
      const fatal = new Promise<CoreFailure>((resolve) => (gaveUp = resolve));
      core = ctx.startWorkerCore((failure) => {
        if (!failure.restarting) return gaveUp(failure);
        core?.events.emit('app:notice', { level: 'error', message: `${failure.error.message} It was restarted; try that again.` });
      });
      const running = core;
      running.startBackground().catch((error: unknown) => logger.error('background work did not start', { error }));
      const host = await startHostServer({
        dispatch: running.dispatch,
        events: running.events,
        rendererDir,
        token: newToken(),
        port: parsePort(options.port),
        logger,
        // Every clip file, wherever it is (the library, the media cache, streamed from the workspace), from the worker.
        serveMedia: (id, file, range) => running.serveMedia(id, file, range),
      });
      ctx.print({ url: host.launchUrl, port: host.port, dataDir: ctx.dataDir }, () =>
        `Handoff is running in browser mode. Open:\n\n  ${host.launchUrl}\n\nData folder: ${ctx.dataDir}\nPress Ctrl+C to stop.`,
      );
      try {
        // Ends on Ctrl+C, or with the reason when the core cannot go on (it could not start, or crashed too often).
        await Promise.race([
          new Promise<void>((resolve) => {
            process.once('SIGINT', () => resolve());
            process.once('SIGTERM', () => resolve());
          }),
          fatal.then((failure) => {
            throw new HandoffError(failure.error.code, `Browser mode stopped: ${failure.error.message}`);
          }),
        ]);
      } finally {
        await host.close();
        await running.close();
      }
    });
}
