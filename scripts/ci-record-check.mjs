// CI: one real recording through the `handoff` CLI on this OS, checked from the outside.
//   node scripts/ci-record-check.mjs [--expect-screen] <handoff record flags…>
// Runs `handoff --json record <flags>` in a fresh data folder, then checks the clip is ready, lasted what was asked
// (±1 s), and that ffprobe finds video and audio in the file. With --expect-screen the video must be at least the
// size of a small desktop, i.e. the screen was captured (gdigrab, avfoundation, x11grab), not only the camera.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const expectScreen = args.includes('--expect-screen');
const recordFlags = args.filter((arg) => arg !== '--expect-screen');
const secondsAt = recordFlags.indexOf('--seconds');
const seconds = secondsAt >= 0 ? Number(recordFlags[secondsAt + 1]) : NaN;
if (!Number.isFinite(seconds)) {
  console.error('usage: node scripts/ci-record-check.mjs [--expect-screen] --seconds N <handoff record flags…>');
  process.exit(2);
}

function fail(message) {
  console.error(`[record-check] FAILED: ${message}`);
  process.exit(1);
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'handoff-record-check-'));
const record = spawnSync(process.execPath, [path.join(root, 'bin', 'handoff.mjs'), '--json', 'record', ...recordFlags], {
  cwd: root,
  env: { ...process.env, HANDOFF_DATA_DIR: dataDir },
  stdio: ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8',
  timeout: 180_000,
});
process.stderr.write(record.stderr ?? '');
if (record.error) fail(`handoff record did not run: ${record.error.message}`);
let result;
try {
  result = JSON.parse(record.stdout);
} catch {
  fail(`handoff record (exit ${record.status}) printed no JSON result:\n${record.stdout}`);
}
console.log(JSON.stringify(result, null, 2));
if (record.status !== 0 || result.status !== 'ready') fail(`the clip is ${result.status} (exit ${record.status}): ${result.error ?? ''}`);
if (Math.abs(result.durationMs / 1000 - seconds) > 1) fail(`asked for ${seconds} s, recorded ${result.durationMs} ms`);
if (!existsSync(result.videoPath) || statSync(result.videoPath).size === 0) fail(`no video at ${result.videoPath}`);
if (expectScreen && (result.width < 640 || result.height < 480)) fail(`${result.width}×${result.height} is not a screen capture`);

// The ffprobe the app itself uses when staged (resources/bin), else the one on PATH.
const staged = path.join(root, 'resources', 'bin', process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe');
const probe = spawnSync(existsSync(staged) ? staged : 'ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name', '-of', 'json', result.videoPath], { encoding: 'utf8' });
if (probe.status !== 0) fail(`ffprobe could not read ${result.videoPath}: ${probe.stderr}`);
const kinds = JSON.parse(probe.stdout).streams.map((stream) => `${stream.codec_type}:${stream.codec_name}`);
if (!kinds.some((kind) => kind.startsWith('video:')) || !kinds.some((kind) => kind.startsWith('audio:'))) fail(`streams are ${kinds.join(', ')}`);
console.log(`[record-check] ok: ${(result.durationMs / 1000).toFixed(2)} s, ${result.width}×${result.height}, ${kinds.join(', ')}`);
