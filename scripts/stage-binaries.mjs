// `npm run dist` step: puts the helper binaries the packaged app needs into resources/bin (gitignored), where
// electron-builder's extraResources picks them up and locateBinary() finds them at run time. What comes from where is
// decided by planStaging() (scripts/lib/binary-staging.mjs): static ffmpeg/ffprobe per platform, never PATH, and a
// dynamically linked or too old ffmpeg is refused with the reason. `--require-whisper` (CI) makes a missing
// whisper-cli an error instead of a warning.
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { linkageReport, planStaging, recorderCanUse, refuseDynamic } from './lib/binary-staging.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const binDir = path.join(root, 'resources', 'bin');
const require = createRequire(path.join(root, 'package.json'));
const requireWhisper = process.argv.includes('--require-whisper');

function resolvePackageDir(name) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null; // not installed (optional per platform, or not fetched here)
  }
}

const plan = planStaging({ platform: process.platform, arch: process.arch, env: process.env, resolvePackageDir, binDir });
mkdirSync(binDir, { recursive: true });
const errors = [];
for (const entry of plan) {
  if (!entry.source || !existsSync(entry.source.path)) {
    if (entry.required || requireWhisper) errors.push(entry.hint);
    else console.warn(`[stage] ${entry.hint}`);
    continue;
  }
  if (entry.source.kind !== 'built') {
    copyFileSync(entry.source.path, entry.target);
    chmodSync(entry.target, 0o755);
  }
  console.log(`[stage] ${entry.name} ← ${entry.source.kind === 'package' ? entry.source.package : entry.source.kind} (${entry.source.path})`);
  // Linkage is read with ldd (Linux) or otool (macOS); Windows builds the packages carry are static.
  if ((entry.name === 'ffmpeg' || entry.name === 'ffprobe') && (process.platform === 'linux' || process.platform === 'darwin')) {
    const refusal = refuseDynamic(entry.name, entry.source.path, process.platform, linkageReport(process.platform, entry.target));
    if (refusal) {
      errors.push(refusal);
      rmSync(entry.target); // never leave a binary that would break the installer where electron-builder finds it
      continue;
    }
  }
  if (entry.name === 'ffmpeg') {
    const usable = recorderCanUse(entry.target);
    if (!usable.ok) {
      errors.push(`${entry.source.path} cannot run the recorder's command (needs ffmpeg ≥ 5.1 for -fps_mode): ${usable.reason}`);
      rmSync(entry.target);
    }
  }
}
for (const error of errors) console.error(`[stage] ${error}`);
process.exit(errors.length ? 1 : 0);
