// Issue 16 item 3: the share server of a long-lived host says whether it runs and why not; a link made while no
// server answers is an error (and the link is revoked), never a dead URL; a port change applies at once.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShareServerState } from '../../shared/contract/share-server';
import { makeTestClip } from '../support/test-clip';
import { makeTempCore } from '../support/temp-core';

/** Another program on a port: it accepts connections and never answers HTTP (its connections end with the client's). */
function occupy(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.resume()).listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}
async function freePort(): Promise<number> {
  const { server, port } = await occupy();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('share server runner', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('reports a taken port, refuses to hand out a link, and serves as soon as the port is changed', async () => {
    const { core, dispose } = makeTempCore();
    cleanups.push(dispose);
    const taken = await occupy();
    cleanups.push(() => new Promise<void>((resolve) => taken.server.close(() => resolve())));
    await core.dispatch('settings:set', { values: { 'share.port': taken.port } });
    const states: ShareServerState[] = [];
    cleanups.push(core.events.onAny((event, payload) => (event === 'shareServer:changed' ? void states.push(payload as ShareServerState) : undefined)));
    await core.shareRunner.start();
    cleanups.push(() => core.shareRunner.stop());

    const status = await core.dispatch('shareServer:status', {});
    expect(status).toEqual({ ok: true, value: { state: 'failed', port: taken.port, lan: false, url: null, message: `port ${taken.port} is already in use by another program` } });
    // A clip with its video: sharing fetches a teammate's video first (lazy media) and refuses one that is nowhere.
    const clipId = makeTestClip(core.db, core.paths.clipsDir, { title: 'Pelicans' }).clip.id;
    const refused = await core.dispatch('share:create', { clipId });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('unavailable');
      expect(refused.error.message).toContain(`port ${taken.port} is already in use`);
    }
    // The link that could not be served is not left active.
    const links = await core.dispatch('share:list', { clipId });
    expect(links.ok && (links.value as { links: { status: string }[] }).links.map((l) => l.status)).toEqual(['revoked']);

    const port = await freePort();
    await core.dispatch('settings:set', { values: { 'share.port': port } });
    await core.shareRunner.start();
    expect(states.at(-1)).toMatchObject({ state: 'running', port, url: `http://127.0.0.1:${port}` });
    const made = await core.dispatch('share:create', { clipId });
    expect(made.ok).toBe(true);
    if (made.ok) {
      const link = made.value as { url: string };
      expect(link.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/`));
      expect((await fetch(link.url)).status).toBe(200);
    }
  });

  it('a process that does not serve (a CLI command) still makes links for the one that does', async () => {
    const { core, dispose } = makeTempCore();
    cleanups.push(dispose);
    // A clip with its video: sharing fetches a teammate's video first (lazy media) and refuses one that is nowhere.
    const clipId = makeTestClip(core.db, core.paths.clipsDir, { title: 'Pelicans' }).clip.id;
    expect((await core.dispatch('shareServer:status', {})).ok && core.shareRunner.status().state).toBe('not-started');
    expect((await core.dispatch('share:create', { clipId })).ok).toBe(true);
  });
});
