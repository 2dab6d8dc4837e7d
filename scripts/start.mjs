// `npm start`: the desktop app when the Electron binary is installed; otherwise browser mode, with the URL printed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(root, 'package.json'));

function electronBinary() {
  try {
    // The electron package's main export is the path of its binary, and throws when the binary was never downloaded.
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (!existsSync(path.join(root, 'out', 'main', 'index.js'))) {
  console.error('[handoff] the app is not built: run `npm run build` (npm install normally does it).');
  process.exit(1);
}

/** Electron needs better-sqlite3 built for its own ABI (native/electron-<abi>/); `npm install` normally made it. */
function hasElectronNativeBuild() {
  const folder = path.join(root, 'native');
  return existsSync(folder) && readdirSync(folder).some((name) => /^electron-\d+$/.test(name));
}

const binary = electronBinary();
if (binary) {
  if (!hasElectronNativeBuild()) {
    console.warn('[handoff] The database module for Electron is missing: providing it now (`npm run native`).');
    const native = spawnSync(process.execPath, [path.join(root, 'scripts', 'native.mjs'), '--electron'], { cwd: root, stdio: 'inherit' });
    // On failure the app itself explains what to run and offers browser mode, so start it either way.
    if (native.status !== 0) console.warn('[handoff] `npm run native` failed (see above); the app will say what to do.');
  }
  run(binary, [root, ...process.argv.slice(2)]);
} else {
  console.warn('[handoff] The Electron binary is not installed here, so the desktop app cannot start.');
  console.warn('[handoff] Starting browser mode instead: open the URL below in any browser on this machine.\n');
  run(process.execPath, [path.join(root, 'bin', 'handoff.mjs'), 'web', ...process.argv.slice(2)]);
}
