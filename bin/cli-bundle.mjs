// Whether the CLI bundle that `npm run build` makes (out/main/cli.js) can be run: it must be newer than every source
// file, so an edit made since the build is never silently ignored.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Latest modification time of any file under `dir` (about 150 files: a few milliseconds). */
function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The bundle's path when it is current, else null (never built, or a source changed since). */
export function currentCliBundle() {
  const bundle = path.join(root, 'out', 'main', 'cli.js');
  let builtAt;
  try {
    builtAt = statSync(bundle).mtimeMs;
  } catch {
    return null; // never built
  }
  const inputs = [newestUnder(path.join(root, 'electron')), newestUnder(path.join(root, 'shared')), statSync(path.join(root, 'package.json')).mtimeMs];
  return inputs.every((mtime) => mtime <= builtAt) ? bundle : null;
}
