// handoff serve / share / links / revoke: the share server and the links it serves.
import { connect } from 'node:net';
import type { Command } from 'commander';
import type { ShareLink } from '../../../shared/contract/share';
import { startShareServerFromSettings } from '../../core/share/index';
import { HandoffError } from '../../../shared/result';
import type { CliContext } from '../context';
import { parsePort } from './web';

/** Whether something accepts connections on 127.0.0.1:port, so `share` can say when no server will answer. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Average completion over the views, when the clip's length is known. */
function completionOf(link: ShareLink): string {
  const known = link.views.flatMap((v) => (v.completion == null ? [] : [v.completion]));
  return known.length === 0 ? '' : `, ${Math.round((100 * known.reduce((a, b) => a + b, 0)) / known.length)}% completion on average`;
}

/** One line per viewer who gave a name (the rest together): views, seconds, best completion. */
function perViewer(link: ShareLink): string[] {
  if (link.kind === 's3' || link.views.length === 0) return [];
  const byViewer = new Map<string, ShareLink['views']>();
  for (const view of link.views) {
    const who = view.viewerName ?? 'unnamed viewers';
    byViewer.set(who, [...(byViewer.get(who) ?? []), view]);
  }
  return [...byViewer].map(([who, views]) => {
    const seconds = views.reduce((sum, v) => sum + v.secondsWatched, 0);
    const best = Math.max(...views.map((v) => v.completion ?? -1));
    return `          ${who}: ${views.length} view(s), ${seconds.toFixed(0)} s${best >= 0 ? `, up to ${Math.round(best * 100)}% watched` : ''}`;
  });
}

function describeLink(link: ShareLink): string {
  const seconds = link.views.reduce((sum, v) => sum + v.secondsWatched, 0);
  const names = [...new Set(link.views.map((v) => v.viewerName).filter(Boolean))].join(', ');
  const flags = [link.hasPassword ? 'password' : null, link.allowDownload ? null : 'no download'].filter(Boolean).join(', ');
  return [
    `${link.status.padEnd(7)} ${link.url}`,
    `        created ${link.createdAt}, expires ${link.expiresAt ?? 'never'}${flags ? ` (${flags})` : ''}`,
    link.kind === 's3'
      ? '        views not counted: the bucket serves this link'
      : `        ${link.views.length} view(s), ${seconds.toFixed(0)} s watched${names ? ` by ${names}` : ''}${completionOf(link)}`,
    ...perViewer(link),
  ].join('\n');
}

export function registerShare(program: Command, context: () => CliContext) {
  program
    .command('serve')
    .description('run the share server alone (127.0.0.1 unless --lan), so share links play without the app')
    .option('--port <n>', 'port to listen on (saved as the share.port setting; 0 = any free port, not saved)')
    .option('--lan', 'listen on all interfaces and make links with this machine’s LAN address (saved)')
    .option('--no-lan', 'listen on 127.0.0.1 only (saved)')
    .action(async (options: { port?: string; lan?: boolean }) => {
      const ctx = context();
      const values: { 'share.port'?: number; 'share.lan'?: boolean } = {};
      const port = options.port === undefined ? undefined : parsePort(options.port);
      // 0 means "any free port" for this run; it is not an address other processes could use, so it is not saved.
      if (port !== undefined && port !== 0) values['share.port'] = port;
      if (options.lan !== undefined) values['share.lan'] = options.lan;
      if (Object.keys(values).length > 0) await ctx.call('settings:set', { values });
      const server = await startShareServerFromSettings(ctx.core, { port });
      const settings = await ctx.call('settings:get', {});
      ctx.print({ url: server.url, port: server.port, lan: settings['share.lan'] }, () =>
        `Share server listening on ${settings['share.lan'] ? `all interfaces, port ${server.port}` : server.url}.\nPress Ctrl+C to stop.`,
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await server.close();
    });

  program
    .command('share <clipId>')
    .description('make a share link for a clip')
    .option('--expires <when>', 'never, or e.g. 30m, 24h, 7d', '7d')
    .option('--password <password>', 'ask viewers for this password')
    .option('--no-download', 'hide the download button and refuse downloads')
    .option('--lasting', 'S3 workspace: publish under an unguessable prefix of the public bucket, no 7-day limit (expiry deletes it)')
    .option('--encrypt', 'S3 workspace: end-to-end encrypt; the key is in the link after # (or is the --password)')
    .action(async (clipId: string, options: { expires: string; password?: string; download: boolean; lasting?: boolean; encrypt?: boolean }) => {
      const ctx = context();
      const link = await ctx.call('share:create', {
        clipId,
        expires: options.expires,
        password: options.password,
        allowDownload: options.download,
        lasting: options.lasting ?? false,
        encrypt: options.encrypt ?? false,
      });
      const who = { 'this-computer': 'only this computer', 'local-network': 'computers on this network', anywhere: 'anyone with the link' }[link.where];
      ctx.print({ url: link.url, expiresAt: link.expiresAt, where: link.where, token: link.token }, () =>
        [
          link.url,
          `Expires: ${link.expiresAt ?? 'never'}`,
          `Who can open it: ${who}`,
          // Said plainly: nothing of ours runs where a bucket link is served.
          link.where === 'anywhere' ? 'Views are not counted: the bucket serves this link and tells no one who opens it.' : null,
        ]
          .filter(Boolean)
          .join('\n'),
      );
      const settings = await ctx.call('settings:get', {});
      // An S3 link is served by the bucket; only a local link needs the share server.
      if (settings['workspace.kind'] !== 's3' && !(await listening(settings['share.port']))) {
        ctx.io.stderr.write(`Note: no share server answers on port ${settings['share.port']}; start the app or \`handoff serve\`.\n`);
      }
    });

  program
    .command('links [clipId]')
    .description('list a clip’s share links, with views; --prune deletes bucket links past their expiry')
    .option('--prune', 'delete the bucket objects of every expired link (lasting links expire only this way)')
    .action(async (clipId: string | undefined, options: { prune?: boolean }) => {
      const ctx = context();
      if (options.prune) {
        const result = await ctx.call('share:prune', {});
        ctx.print(result, () =>
          result.pruned.length === 0 ? 'Nothing to prune.' : result.pruned.map((p) => `Deleted ${p.deleted} object(s) of expired link ${p.token}.`).join('\n'),
        );
        return;
      }
      if (!clipId) throw new HandoffError('invalid-input', 'Name a clip (handoff links ID), or use --prune.');
      const { links } = await ctx.call('share:list', { clipId });
      ctx.print(links, () => (links.length === 0 ? 'No share links.' : links.map(describeLink).join('\n')));
    });

  program
    .command('revoke <token>')
    .description('turn a share link off (it answers 410 from now on)')
    .action(async (token: string) => {
      const ctx = context();
      const revoked = await ctx.call('share:revoke', { token });
      ctx.print(revoked, () => `Revoked ${revoked.token} at ${revoked.revokedAt}.`);
    });
}
