// An installed (or unpacked) Handoff, checked the way a user's machine would run it: its bundled ffmpeg, ffprobe and
// whisper-cli start, ffmpeg/ffprobe are not linked against libraries only the build machine has, and the app's own
// `handoff doctor` (the app binary as Node, running out/main/cli-main.js inside app.asar) finds them in the install.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { executableName, linkageReport, refuseDynamic } from './binary-staging.mjs';

/** The executable and resources folder of the app under `root` (an extracted .deb, a mounted dmg, an install dir). */
export function findInstalledApp(root, platform) {
  const queue = [root];
  while (queue.length) {
    const dir = queue.shift();
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable or vanished: nothing of ours in it
    }
    if (platform === 'darwin' && dir.endsWith('.app')) {
      const macos = path.join(dir, 'Contents', 'MacOS');
      const [binary] = existsSync(macos) ? readdirSync(macos) : [];
      if (binary) return { binary: path.join(macos, binary), resourcesDir: path.join(dir, 'Contents', 'Resources') };
    }
    const resources = entries.find((entry) => entry.isDirectory() && entry.name === 'resources');
    if (platform !== 'darwin' && resources && existsSync(path.join(dir, 'resources', 'app.asar'))) {
      const names = platform === 'win32' ? ['Handoff.exe'] : ['handoff', 'Handoff'];
      const binary = names.map((name) => path.join(dir, name)).find((file) => existsSync(file));
      if (binary) return { binary, resourcesDir: path.join(dir, 'resources') };
    }
    for (const entry of entries) if (entry.isDirectory() && !entry.name.startsWith('.')) queue.push(path.join(dir, entry.name));
  }
  return null;
}

function firstLine(text) {
  return (text ?? '').trim().split('\n')[0] ?? '';
}

/**
 * Runs every check and returns one result per check (never throws for a failed check, so a report shows them all).
 * The app binary runs the CLI with ELECTRON_RUN_AS_NODE=1, as the `handoff` shim does.
 */
export function checkInstalledApp({ binary, resourcesDir, platform, env = process.env }) {
  const results = [];
  const bin = path.join(resourcesDir, 'bin');
  for (const [name, versionFlag] of [['ffmpeg', '-version'], ['ffprobe', '-version'], ['whisper-cli', '--version']]) {
    const file = path.join(bin, executableName(name, platform));
    if (!existsSync(file)) {
      results.push({ check: `${name} bundled`, ok: false, detail: `${file} is missing` });
      continue;
    }
    const run = spawnSync(file, [versionFlag], { encoding: 'utf8', timeout: 30_000 });
    const output = firstLine(run.stdout) || firstLine(run.stderr);
    results.push({ check: `${name} ${versionFlag}`, ok: run.status === 0, detail: run.error ? run.error.message : output });
    if (name !== 'whisper-cli' && (platform === 'linux' || platform === 'darwin')) {
      const refusal = refuseDynamic(name, file, platform, linkageReport(platform, file));
      results.push({ check: `${name} is self-contained`, ok: !refusal, detail: refusal ?? 'no libraries beyond the system ones' });
    }
  }

  // The app's own check, as the `handoff` shim runs it: no HANDOFF_* overrides, a fresh data folder.
  const cleanEnv = Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('HANDOFF_')));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'handoff-installed-'));
  const cli = path.join(resourcesDir, 'app.asar', 'out', 'main', 'cli-main.js');
  const doctor = spawnSync(binary, [cli, '--json', 'doctor'], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...cleanEnv, ELECTRON_RUN_AS_NODE: '1', HANDOFF_DATA_DIR: dataDir },
  });
  let report = null;
  try {
    report = JSON.parse(doctor.stdout);
  } catch {
    results.push({ check: 'handoff doctor --json', ok: false, detail: `exit ${doctor.status}, no JSON report: ${(doctor.stderr || doctor.error?.message || '').trim().slice(-800)}` });
    return results;
  }
  const inside = (file) => Boolean(file) && !path.relative(bin, file).startsWith('..');
  results.push({
    check: 'handoff doctor finds the bundled ffmpeg',
    ok: Boolean(report.ffmpeg?.found) && inside(report.ffmpeg.path),
    detail: `${report.ffmpeg?.path} (${report.ffmpeg?.version ?? 'no version'})`,
  });
  // Run by the app's Electron, the CLI must load the Electron build of better-sqlite3 shipped in resources/native
  // (a Node stand-in, as in the tests here, loads the package's own build instead).
  if (report.native?.runtime === 'electron') {
    const nativeDir = path.join(resourcesDir, 'native');
    results.push({
      check: "handoff doctor loads the install's Electron build of better-sqlite3",
      ok: report.native.source === 'runtime-folder' && Boolean(report.native.active) && !path.relative(nativeDir, report.native.active).startsWith('..'),
      detail: `${report.native.active} (${report.native.runtime}-${report.native.abi}, ${report.native.source})`,
    });
  }
  const whisper = (report.checks ?? []).find((check) => check.name === 'whisper');
  results.push({
    check: 'handoff doctor finds the bundled whisper-cli',
    ok: Boolean(whisper?.detail?.startsWith(bin)),
    detail: whisper?.detail ?? 'no whisper check in the report',
  });
  return results;
}

/**
 * The desktop app and browser mode run the core in a worker thread (out/main/core-worker.js inside app.asar), which
 * `handoff doctor` never starts: browser mode from the install does. Starts it on a fresh data folder, asks the worker
 * core for its doctor report over HTTP and stops it. One result; never throws.
 */
export async function checkWorkerCore({ binary, resourcesDir, env = process.env, timeoutMs = 120_000 }) {
  const check = 'the core starts in its worker thread (browser mode from the install)';
  const cleanEnv = Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('HANDOFF_')));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'handoff-installed-web-'));
  const cli = path.join(resourcesDir, 'app.asar', 'out', 'main', 'cli-main.js');
  const child = spawn(binary, [cli, '--json', 'web', '--port', '0'], {
    env: { ...cleanEnv, ELECTRON_RUN_AS_NODE: '1', HANDOFF_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const printed = await new Promise((resolve, reject) => {
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk) => {
        stdout += chunk;
        try {
          resolve(JSON.parse(stdout));
        } catch {
          // the JSON object is not complete yet
        }
      });
      child.once('exit', (code) => reject(new Error(`handoff web exited with ${code}: ${stderr.trim().slice(-800)}`)));
    });
    const launch = new URL(printed.url);
    const response = await fetch(`${launch.origin}/api/app:doctor`, {
      method: 'POST',
      headers: { authorization: `Bearer ${launch.searchParams.get('token')}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const result = await response.json();
    if (!result.ok) return { check, ok: false, detail: `app:doctor answered ${result.error.code}: ${result.error.message}` };
    const native = result.value.native;
    // Run by the app's Electron, the worker must load the Electron build shipped in resources/native too.
    const nativeOk = native.runtime !== 'electron' || native.source === 'runtime-folder';
    return { check, ok: nativeOk, detail: `answered; database module ${native.active ?? 'package build'} (${native.runtime}-${native.abi}, ${native.source})` };
  } catch (error) {
    return { check, ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

/** For a report: one line per check. */
export function describeResults(results) {
  return results.map((result) => `${result.ok ? 'ok  ' : 'FAIL'} ${result.check}: ${result.detail}`).join('\n');
}
