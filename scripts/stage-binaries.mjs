// Copies the helper binaries the packaged app needs into resources/bin (gitignored) before electron-builder runs:
// ffmpeg and ffprobe from HANDOFF_FFMPEG's folder or PATH, whisper-cli from `npm run build:whisper`.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'resources', 'bin');
const exe = process.platform === 'win32' ? '.exe' : '';
mkdirSync(bin, { recursive: true });

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name + exe);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

let missing = 0;
for (const name of ['ffmpeg', 'ffprobe']) {
  const source = process.env.HANDOFF_FFMPEG ? path.join(path.dirname(process.env.HANDOFF_FFMPEG), name + exe) : onPath(name);
  if (!source || !existsSync(source)) {
    console.error(`[stage] ${name} not found: set HANDOFF_FFMPEG or put a static ffmpeg build on PATH.`);
    missing++;
    continue;
  }
  copyFileSync(source, path.join(bin, name + exe));
  console.log(`[stage] ${name} ← ${source}`);
}
if (!existsSync(path.join(bin, 'whisper-cli' + exe))) {
  console.warn('[stage] whisper-cli is not built: run `npm run build:whisper` first, or the app ships without transcription.');
}
process.exit(missing ? 1 : 0);
