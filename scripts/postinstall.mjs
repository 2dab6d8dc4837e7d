// Runs after `npm install`. Three jobs:
// 1. Fetch the Electron binary ourselves. Its own postinstall is denied in package.json `allowScripts`, because where
//    GitHub is unreachable it fails and npm rolls back the whole install; here a failure is a warning, and the CLI and
//    browser mode still work.
// 2. Where the Electron binary is present, provide better-sqlite3 built for Electron's ABI in native/electron-<abi>/
//    (`npm run native`), beside npm's build for the system Node, which the CLI and the tests keep using.
// 3. Build the app (main, preload, renderer) so `npx handoff web` works straight after install, with no separate build step.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(root, 'package.json'));

/** Returns whether the Electron binary is there afterwards. */
function fetchElectronBinary() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.warn('[handoff] ELECTRON_SKIP_BINARY_DOWNLOAD is set: not fetching the Electron binary.');
    return false;
  }
  let installer;
  try {
    installer = require.resolve('electron/install.js');
  } catch {
    console.warn('[handoff] the electron package is not installed; the desktop shell will not start (browser mode will).');
    return false;
  }
  const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  if (result.status === 0) return true;
  const reason = (result.stderr?.toString() || result.error?.message || 'unknown error').trim().split('\n')[0];
  console.warn(
    '\n[handoff] WARNING: the Electron binary could not be downloaded (' + reason + ').\n' +
    '[handoff] The CLI and browser mode work without it: `npm start` will open browser mode instead.\n' +
    '[handoff] To get the desktop app later, run `node node_modules/electron/install.js` where GitHub is reachable,\n' +
    '[handoff] then `npm run native` (the database module built for Electron).\n',
  );
  return false;
}

function provideElectronNativeBuild() {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'native.mjs'), '--electron'], { cwd: root, stdio: 'inherit' });
  if (result.status === 0) return;
  console.warn(
    '\n[handoff] WARNING: the database module could not be built for Electron (see above), so the desktop app will show\n' +
    '[handoff] what to run instead of opening. The CLI and browser mode work. Fix the cause, then run `npm run native`.\n',
  );
}

function buildRenderer() {
  const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  if (!existsSync(cli)) {
    console.warn('[handoff] electron-vite is not installed (production install?): skipping the build.');
    return;
  }
  const result = spawnSync(process.execPath, [cli, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('[handoff] building the renderer failed; run `npm run build` to see why.');
    process.exit(result.status ?? 1);
  }
}

if (fetchElectronBinary()) provideElectronNativeBuild();
buildRenderer();
