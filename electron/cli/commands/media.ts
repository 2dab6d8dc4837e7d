// `handoff media [ID] [--keep-offline | --no-keep-offline] [--fetch]`: where teammates' videos are (lazy media). With
// no id, the media cache's size against its cap; with an id, that clip's video (here, cached, streaming from the
// workspace, syncing, or gone), pinned for offline or not, fetched now with progress on stderr.
import type { Command } from 'commander';
import type { MediaStatus } from '../../../shared/contract/media';
import { formatBytes } from '../../core/doctor/media-check';
import type { CliContext } from '../context';

export function describeMedia(status: MediaStatus): string {
  const pin = status.pinnedBy === 'me' ? ', kept offline' : status.pinnedBy === 'needs-reply' ? ', kept offline (needs your reply)' : '';
  return `video: ${status.state}${pin} — ${status.message}`;
}

export function registerMedia(program: Command, context: () => CliContext) {
  program
    .command('media')
    .description("teammates' videos: the cache's size and cap, or one clip's video (stream, cache, keep offline)")
    .argument('[id]')
    .option('--keep-offline', 'pin the clip: fetch its video now and never evict it')
    .option('--no-keep-offline', 'unpin the clip (it may then be evicted)')
    .option('--fetch', 'fetch the whole video into the cache now')
    .action(async (id: string | undefined, options: { keepOffline?: boolean; fetch?: boolean }) => {
      const ctx = context();
      if (!id) {
        const usage = await ctx.call('media:cache', {});
        ctx.print(usage, () => `media cache: ${formatBytes(usage.bytes)} of ${formatBytes(usage.capBytes)}, ${usage.clips} videos, ${usage.pinnedClips} kept offline\n${usage.dir}`);
        return;
      }
      const off = ctx.core.events.onAny((event, payload) => {
        if (event !== 'media:progress' || ctx.json) return;
        const p = payload as { clipId: string; receivedBytes: number; totalBytes: number; state: string };
        if (p.clipId !== id) return;
        const percent = p.totalBytes ? Math.floor((p.receivedBytes / p.totalBytes) * 100) : 100;
        ctx.io.stderr.write(`\rfetching ${id}: ${percent}% of ${formatBytes(p.totalBytes)}${p.state === 'fetching' ? '' : '\n'}`);
      });
      try {
        let status: MediaStatus;
        if (options.keepOffline !== undefined) {
          status = await ctx.call('media:pin', { id, pinned: options.keepOffline });
          // A one-shot command waits for the pinned video: the process would otherwise end the fetch it started.
          if (options.keepOffline && status.state === 'remote') status = await ctx.call('media:fetch', { id });
        } else if (options.fetch) status = await ctx.call('media:fetch', { id });
        else status = await ctx.call('media:status', { id });
        ctx.print(status, () => describeMedia(status));
      } finally {
        off();
      }
    });
}
