// Watches a folder workspace's change feed. Publishers write feed/<hour>/<entry>.json last, so watching feed/ (for a
// new hour folder) and the newest hour folders (for new entries) is enough to notice every publish, without a
// recursive watch over every update (Node's recursive watch on Linux misses files created right after their folder).
import { mkdirSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';

const WATCHED_HOURS = 2;

export function watchFeed(root: string, onChange: () => void, logger: Logger): () => void {
  const feed = path.join(root, 'feed');
  mkdirSync(feed, { recursive: true });
  const hourWatchers = new Map<string, FSWatcher>();

  const refresh = () => {
    let hours: string[];
    try {
      hours = readdirSync(feed, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort()
        .slice(-WATCHED_HOURS);
    } catch (error) {
      logger.warn('reading the workspace feed folder failed', { error });
      return;
    }
    for (const [hour, watcher] of hourWatchers) {
      if (!hours.includes(hour)) {
        watcher.close();
        hourWatchers.delete(hour);
      }
    }
    for (const hour of hours) {
      if (hourWatchers.has(hour)) continue;
      const watcher = watch(path.join(feed, hour), () => onChange());
      watcher.on('error', (error) => logger.warn('watching a feed folder failed', { hour, error }));
      hourWatchers.set(hour, watcher);
    }
  };

  const top = watch(feed, () => {
    refresh();
    onChange();
  });
  top.on('error', (error) => logger.warn('watching the workspace feed failed', { error }));
  refresh();
  return () => {
    top.close();
    for (const watcher of hourWatchers.values()) watcher.close();
    hourWatchers.clear();
  };
}
