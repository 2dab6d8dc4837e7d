// The share server as a long-lived host runs it (the app, `handoff web`): started on the address in settings,
// restarted when the port or LAN setting changes, and its state (running on port N, or not and why) kept for the UI.
// A link made while it is not running is checked before anyone copies it: see `checkLocalLink`.
import type { ShareServerState } from '../../../shared/contract/share-server';
import { HandoffError, messageOf } from '../../../shared/result';
import type { EventBus } from '../api/event-bus';
import type { SettingsStore } from '../library/settings-store';
import type { Logger } from '../logger';
import type { ShareServer } from './share-server';

export interface ShareRunnerDeps {
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  serve: (port: number, host: string) => Promise<ShareServer>;
  /** Whether something answers a local link (HEAD on 127.0.0.1); used when this process is not the one serving. */
  probe: (port: number, token: string) => Promise<number | null>;
}

function why(error: unknown, port: number): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'EADDRINUSE') return `port ${port} is already in use by another program`;
  if (code === 'EACCES') return `this user may not listen on port ${port}`;
  return messageOf(error);
}

export function createShareRunner(deps: ShareRunnerDeps) {
  const { settings, events, logger } = deps;
  let server: ShareServer | null = null;
  let started = false;
  let state: ShareServerState = { state: 'not-started', port: settings.get()['share.port'], lan: settings.get()['share.lan'], url: null, message: null };
  let chain: Promise<void> = Promise.resolve();

  const publish = (next: ShareServerState) => {
    state = next;
    events.emit('shareServer:changed', state);
  };

  async function restart(): Promise<void> {
    const { 'share.port': port, 'share.lan': lan } = settings.get();
    if (server) {
      await server.close();
      server = null;
    }
    try {
      server = await deps.serve(port, lan ? '0.0.0.0' : '127.0.0.1');
      publish({ state: 'running', port: server.port, lan, url: server.url, message: null });
    } catch (error) {
      const message = why(error, port);
      logger.warn('the share server did not start', { port, message });
      publish({ state: 'failed', port, lan, url: null, message });
    }
  }

  // One (re)start at a time, in order: a port changed twice quickly ends on the last value.
  const enqueue = (work: () => Promise<void>) => (chain = chain.then(work, work));

  const off = events.onAny((event, payload) => {
    if (!started || event !== 'settings:changed') return;
    const { keys } = payload as { keys: string[] };
    if (keys.includes('share.port') || keys.includes('share.lan')) void enqueue(restart);
  });

  return {
    status: (): ShareServerState => state,
    /** Starts serving (idempotent); resolves once the first attempt has succeeded or failed. */
    start(): Promise<void> {
      if (!started) {
        started = true;
        void enqueue(restart);
      }
      return chain;
    },
    /** Tries again on the current settings (after the program holding the port went away). */
    retry: () => enqueue(restart).then(() => state),
    /**
     * Throws unless a local link with this token will open now: this process serves it, or (when this process is
     * not serving, e.g. another Handoff on this library owns the port) the address answers for it.
     */
    async checkLocalLink(token: string): Promise<void> {
      await chain;
      if (!started || state.state === 'running') return;
      const status = await deps.probe(state.port, token).catch(() => null);
      // 308: an encrypted link's address redirects to its page at /<token>/ (encrypted-local.ts), which answers.
      if (status === 200 || status === 401 || status === 308) return;
      throw new HandoffError(
        'unavailable',
        `No share server answers for this link: ${state.message ?? 'the share server is not running'}. ` +
          'Choose another port in Settings → Sharing (it applies at once), or stop the program using it.',
      );
    },
    async stop(): Promise<void> {
      off();
      started = false;
      await enqueue(async () => {
        await server?.close();
        server = null;
      });
    },
  };
}
export type ShareRunner = ReturnType<typeof createShareRunner>;
