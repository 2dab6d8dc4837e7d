#!/usr/bin/env node
// `npm run native`: provides better-sqlite3 compiled for another runtime than the system Node, in a folder keyed by
// runtime and ABI (native/electron-145/better_sqlite3.node), which electron/core/system/native-binding.ts loads through
// better-sqlite3's `nativeBinding` option. It never touches npm's own build in node_modules, which the CLI and the tests
// keep using. `npm install` runs it for Electron wherever the Electron binary is present.
//
//   npm run native                      Electron's build, when the Electron binary is installed (else nothing to do)
//   npm run native -- --electron        the same, and an error when the binary is missing
//   npm run native -- --node-dir DIR    another Node installation (DIR/bin/node and DIR/include/node)
//   --force                             build again even when a working build is there
//
// How: the prebuilt binary for that runtime (prebuild-install, from better-sqlite3's GitHub releases) or, where that
// cannot be fetched, a source build with node-gyp against that runtime's headers, in a scratch copy of the package.
// The result is loaded by the target runtime itself before it is put in place.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(root, 'package.json'));
const BINDING = 'better_sqlite3.node';

function say(message) {
  process.stdout.write(`[native] ${message}\n`);
}

class NativeError extends Error {}

function parseArgs(argv) {
  const options = { mode: 'default', nodeDir: null, force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--electron') options.mode = 'electron';
    else if (arg === '--node-dir') {
      options.mode = 'node';
      options.nodeDir = argv[++i];
      if (!options.nodeDir) throw new NativeError('--node-dir needs a folder (one holding bin/node and include/node).');
    } else if (arg === '--force') options.force = true;
    else throw new NativeError(`unknown option ${arg}; see the comment at the top of scripts/native.mjs`);
  }
  return options;
}

/**
 * The environment for the tools this runs, without npm's settings that choose a build target: under `npm run`,
 * node-gyp and prebuild-install copy npm_config_* over their own command line (npm_config_nodedir=/usr, which npm
 * sets on some machines, silently built the system Node's ABI in place of the runtime named with --node-dir). The
 * rest (proxies, certificates) is kept for the download.
 */
const TARGET_SETTINGS = /^npm_config_(nodedir|target|target_arch|arch|platform|runtime|disturl|dist_url|devdir|build_from_source)$/i;
function toolEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !TARGET_SETTINGS.test(name)));
  return { ...env, ...extra };
}

function run(command, args, { cwd, env, timeoutMs = 15 * 60_000 } = {}) {
  const result = spawnSync(command, args, { cwd, env: toolEnv(env), encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-12).join('\n');
  return { ok: result.status === 0, code: result.status, error: result.error?.message ?? null, tail, stdout: result.stdout ?? '' };
}

/** The runtime's own report of its version and ABI: the only reliable source for the ABI. */
function askRuntime(binary, env) {
  const probe = run(binary, ['-p', 'JSON.stringify({ version: process.versions.electron ?? process.versions.node, abi: process.versions.modules })'], { env, timeoutMs: 60_000 });
  if (!probe.ok) throw new NativeError(`${binary} did not run (${probe.error ?? `exit ${probe.code}`}):\n${probe.tail}`);
  return JSON.parse(probe.stdout.trim().split('\n').pop());
}

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function targetFor(options) {
  if (options.mode === 'node') {
    const dir = path.resolve(options.nodeDir);
    const binary = path.join(dir, process.platform === 'win32' ? 'node.exe' : path.join('bin', 'node'));
    if (!existsSync(binary)) throw new NativeError(`${dir} has no ${path.relative(dir, binary)}: point --node-dir at a Node installation.`);
    if (!existsSync(path.join(dir, 'include', 'node', 'common.gypi'))) {
      throw new NativeError(`${dir} has no include/node headers (include/node/common.gypi): a source build needs them.`);
    }
    const { version, abi } = askRuntime(binary, {});
    return { runtime: 'node', version, abi, binary, env: {}, headers: { nodedir: dir } };
  }
  const binary = electronBinary();
  if (!binary) return null;
  const env = { ELECTRON_RUN_AS_NODE: '1' };
  const { version, abi } = askRuntime(binary, env);
  return { runtime: 'electron', version, abi, binary, env, headers: { distUrl: 'https://electronjs.org/headers' } };
}

/** Loads the build in the target runtime itself and runs a query: an ABI or architecture mismatch fails here. */
function verify(target, bindingFile) {
  const packageDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const script = `const Database = require(${JSON.stringify(packageDir)}); const db = new Database(':memory:', { nativeBinding: ${JSON.stringify(bindingFile)} }); process.stdout.write(db.prepare('select sqlite_version() as v').get().v); db.close();`;
  const result = run(target.binary, ['-e', script], { env: target.env, timeoutMs: 60_000 });
  return result.ok ? { ok: true, sqlite: result.stdout.trim() } : { ok: false, reason: result.tail || result.error };
}

function stagePackage(scratch) {
  const packageDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  for (const entry of ['binding.gyp', 'package.json', 'deps', 'src', 'lib']) {
    cpSync(path.join(packageDir, entry), path.join(scratch, entry), { recursive: true });
  }
}

function tryPrebuilt(target, scratch) {
  let bin;
  try {
    bin = require.resolve('prebuild-install/bin.js');
  } catch {
    return { ok: false, reason: 'prebuild-install is not installed' };
  }
  const result = run(process.execPath, [bin, '--runtime', target.runtime, '--target', target.version, '--arch', process.arch, '--platform', process.platform], {
    cwd: scratch,
    timeoutMs: 180_000,
  });
  return result.ok ? { ok: true } : { ok: false, reason: (result.tail || result.error || '').split('\n').pop() };
}

function buildFromSource(target, scratch) {
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const args = [gyp, 'rebuild', '--release', `--target=${target.version}`, `--arch=${process.arch}`, `-j=${Math.max(1, os.cpus().length)}`];
  if (target.headers.nodedir) args.push(`--nodedir=${target.headers.nodedir}`);
  if (target.headers.distUrl) args.push(`--dist-url=${target.headers.distUrl}`, '--runtime=electron');
  // Its own header cache, so headers for one runtime never stand in for another's.
  args.push(`--devdir=${path.join(root, 'native', '.headers')}`);
  const result = run(process.execPath, args, { cwd: scratch });
  return result.ok ? { ok: true } : { ok: false, reason: result.tail || result.error };
}

function provide(target, force) {
  const name = `${target.runtime}-${target.abi}`;
  const dest = path.join(root, 'native', name, BINDING);
  if (!force && existsSync(dest)) {
    const check = verify(target, dest);
    if (check.ok) {
      say(`${name}: present and loads in ${target.runtime} ${target.version} (SQLite ${check.sqlite}): ${path.relative(root, dest)}`);
      return;
    }
    say(`${name}: present but does not load (${check.reason}); building it again`);
  }
  const scratch = path.join(root, 'native', '.build', name);
  stagePackage(scratch);
  const built = path.join(scratch, 'build', 'Release', BINDING);
  say(`${name}: fetching the prebuilt binary for ${target.runtime} ${target.version}…`);
  const prebuilt = tryPrebuilt(target, scratch);
  if (!prebuilt.ok || !existsSync(built)) {
    say(`${name}: no prebuilt binary (${prebuilt.reason ?? 'none written'}); building from source against ${target.runtime} ${target.version}'s headers (a few minutes)…`);
    const source = buildFromSource(target, scratch);
    if (!source.ok || !existsSync(built)) throw new NativeError(`the source build for ${name} failed:\n${source.reason}`);
  }
  const check = verify(target, built);
  if (!check.ok) throw new NativeError(`the build for ${name} does not load in ${target.runtime} ${target.version}:\n${check.reason}`);
  mkdirSync(path.dirname(dest), { recursive: true });
  const temp = `${dest}.${process.pid}.tmp`;
  copyFileSync(built, temp);
  renameSync(temp, dest);
  rmSync(scratch, { recursive: true, force: true });
  say(`${name}: ready (SQLite ${check.sqlite}): ${path.relative(root, dest)}`);
}

try {
  const options = parseArgs(process.argv.slice(2));
  const target = targetFor(options);
  if (!target) {
    if (options.mode === 'electron') {
      throw new NativeError('the Electron binary is not installed (run `node node_modules/electron/install.js` where it can be downloaded).');
    }
    say('the Electron binary is not installed, so there is no Electron build to make; the CLI and browser mode use npm\'s build.');
  } else {
    provide(target, options.force);
  }
} catch (error) {
  if (!(error instanceof NativeError)) throw error;
  process.stderr.write(`[native] ${error.message}\n`);
  process.exitCode = 1;
}
