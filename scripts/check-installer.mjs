// CI, after `npm run dist`: installs or unpacks the installer electron-builder made, as a user's machine would get it,
// and checks the app inside (scripts/lib/installed-app.mjs): bundled ffmpeg, ffprobe and whisper-cli run, are
// self-contained, and the app's own `handoff doctor` finds them.
//   Linux: the .deb, extracted with dpkg-deb.   macOS: the .dmg, mounted read-only.
//   Windows: the NSIS installer, run silently into a temporary folder.
//   --app-dir DIR: check an already unpacked app (e.g. dist/linux-unpacked) instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkInstalledApp, checkWorkerCore, describeResults, findInstalledApp } from './lib/installed-app.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
const platform = process.platform;

function run(command, args) {
  console.log(`[installer] ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', timeout: 300_000 });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} exited with code ${result.status}`);
}

function installer(pattern) {
  const found = readdirSync(dist).filter((name) => pattern.test(name));
  if (found.length !== 1) throw new Error(`expected one installer matching ${pattern} in ${dist}, found: ${found.join(', ') || 'none'}`);
  return path.join(dist, found[0]);
}

/** Unpacks or installs; returns the folder to search and a cleanup step. */
function unpack() {
  const at = process.argv.indexOf('--app-dir');
  if (at >= 0) return { dir: path.resolve(process.argv[at + 1]), cleanup: () => undefined };
  const work = mkdtempSync(path.join(os.tmpdir(), 'handoff-installer-'));
  if (platform === 'linux') {
    run('dpkg-deb', ['-x', installer(/\.deb$/), work]);
    return { dir: work, cleanup: () => undefined };
  }
  if (platform === 'darwin') {
    const mount = path.join(work, 'mount');
    mkdirSync(mount);
    run('hdiutil', ['attach', '-nobrowse', '-readonly', '-mountpoint', mount, installer(/\.dmg$/)]);
    return { dir: mount, cleanup: () => run('hdiutil', ['detach', mount]) };
  }
  if (platform === 'win32') {
    // NSIS: /S silent, /D= the install folder (must be last, unquoted). The one-click installer does not start the
    // app after a silent install.
    const target = path.join(work, 'Handoff');
    run(installer(/Setup.*\.exe$/), ['/S', `/D=${target}`]);
    // A one-click installer may keep its per-user default folder instead of /D.
    const fallback = path.join(process.env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'Programs', 'handoff');
    return { dir: existsSync(target) ? target : fallback, cleanup: () => undefined };
  }
  throw new Error(`no installer check for ${platform}`);
}

const { dir, cleanup } = unpack();
let failed = true;
try {
  const app = findInstalledApp(dir, platform);
  if (!app) throw new Error(`no Handoff app (executable beside resources/app.asar) under ${dir}`);
  console.log(`[installer] app: ${app.binary}\n[installer] resources: ${app.resourcesDir}`);
  const results = [...checkInstalledApp({ ...app, platform }), await checkWorkerCore(app)];
  console.log(describeResults(results));
  failed = results.some((result) => !result.ok);
} finally {
  cleanup();
}
process.exit(failed ? 1 : 0);
