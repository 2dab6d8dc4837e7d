// "Install 'handoff' command in PATH", as VS Code does for `code`: a small script on PATH that runs the installed app's
// own CLI (out/main/cli-main.js inside app.asar) with the Node inside the app (ELECTRON_RUN_AS_NODE), so users of the
// installer get the `handoff` command without Node.js or a checkout. (`npx handoff` outside a checkout runs an
// unrelated registry package.) What is written, and where, is decided by pure functions; only installShim() writes.
import { accessSync, constants, existsSync } from 'node:fs';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MenuItem } from './tray';

export interface ShimTarget {
  /** The app's executable (Electron), run as Node. */
  electronBinary: string;
  /** The CLI bundle inside the installed app. */
  cliEntry: string;
}

export interface ShimPlan {
  dir: string;
  file: string;
  content: string;
  /** False when no candidate folder is on PATH: the user must add `dir` to PATH. */
  onPath: boolean;
}

const pathFor = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix);

/**
 * The shim's target for a packaged app, or the reason there is none. An AppImage runs from a mount point that changes
 * on every start, and an app started from its dmg disappears when the dmg is ejected: a shim would point at nothing.
 */
export function shimTargetFor(options: {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  execPath: string;
  resourcesPath: string;
  env: NodeJS.ProcessEnv;
}): ShimTarget | { reason: string } {
  if (!options.isPackaged) return { reason: 'Run from a checkout, use `npm link` instead (see the README).' };
  if (options.platform === 'linux' && options.env.APPIMAGE) {
    return { reason: 'The AppImage moves on every start, so a command cannot point into it: install the .deb for the `handoff` command.' };
  }
  if (options.platform === 'darwin' && options.execPath.startsWith('/Volumes/')) {
    return { reason: 'Handoff is running from its disk image: move it to Applications first, then install the command.' };
  }
  return {
    electronBinary: options.execPath,
    cliEntry: pathFor(options.platform).join(options.resourcesPath, 'app.asar', 'out', 'main', 'cli-main.js'),
  };
}

/** sh single quotes: everything literal, a ' closed, escaped and reopened. */
function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** cmd.exe: paths cannot contain `"`; `%` would expand, so it is doubled. */
function cmdQuote(value: string): string {
  return `"${value.replace(/%/g, '%%')}"`;
}

export function shimScript(platform: NodeJS.Platform, target: ShimTarget): { name: string; content: string } {
  if (platform === 'win32') {
    return {
      name: 'handoff.cmd',
      content: [
        '@echo off',
        'rem The `handoff` command of the installed Handoff app (its menu: Install \'handoff\' command in PATH).',
        'rem It runs the app\'s own CLI with the Node inside the app.',
        'setlocal',
        'set ELECTRON_RUN_AS_NODE=1',
        `${cmdQuote(target.electronBinary)} ${cmdQuote(target.cliEntry)} %*`,
        '',
      ].join('\r\n'),
    };
  }
  return {
    name: 'handoff',
    content: [
      '#!/bin/sh',
      "# The `handoff` command of the installed Handoff app (its menu: Install 'handoff' command in PATH).",
      "# It runs the app's own CLI with the Node inside the app.",
      'export ELECTRON_RUN_AS_NODE=1',
      `exec ${shQuote(target.electronBinary)} ${shQuote(target.cliEntry)} "$@"`,
      '',
    ].join('\n'),
  };
}

/** Folders to put the shim in, best first: per-user ones need no administrator rights. */
export function shimDirectories(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string[] {
  const p = pathFor(platform);
  if (platform === 'win32') {
    // WindowsApps is on every user's PATH since Windows 10 (it holds app execution aliases).
    const local = env.LOCALAPPDATA ?? p.join(home, 'AppData', 'Local');
    return [p.join(local, 'Microsoft', 'WindowsApps'), p.join(home, '.local', 'bin')];
  }
  if (platform === 'darwin') return ['/usr/local/bin', p.join(home, '.local', 'bin')];
  return [p.join(home, '.local', 'bin'), '/usr/local/bin'];
}

/**
 * Where the shim goes: the first candidate that is on PATH and writable, else the first writable one (the user is
 * then told to add it to PATH). `writable` says whether a folder can be created or written to.
 */
export function planShim(options: {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  target: ShimTarget;
  writable: (dir: string) => boolean;
}): ShimPlan | { reason: string } {
  const p = pathFor(options.platform);
  const candidates = shimDirectories(options.platform, options.env, options.home);
  const pathValue = options.env.PATH ?? options.env.Path ?? '';
  const normalize = (dir: string) => (options.platform === 'win32' ? p.normalize(dir).toLowerCase() : p.normalize(dir)).replace(/[\\/]+$/, '');
  const onPath = new Set(pathValue.split(options.platform === 'win32' ? ';' : ':').filter(Boolean).map(normalize));
  const usable = candidates.filter((dir) => options.writable(dir));
  const dir = usable.find((candidate) => onPath.has(normalize(candidate))) ?? usable[0];
  if (!dir) return { reason: `None of ${candidates.join(', ')} can be written to.` };
  const { name, content } = shimScript(options.platform, options.target);
  return { dir, file: p.join(dir, name), content, onPath: onPath.has(normalize(dir)) };
}

/** Writes the shim atomically (temp file + rename, so a half-written command never runs) and makes it executable. */
export async function installShim(plan: ShimPlan): Promise<void> {
  await mkdir(plan.dir, { recursive: true });
  const temp = `${plan.file}.${process.pid}.tmp`;
  await writeFile(temp, plan.content, { mode: 0o755 });
  await chmod(temp, 0o755);
  await rename(temp, plan.file);
}

/** A folder can hold the shim when it, or the nearest folder above it that exists, is writable. */
export function canWriteUnder(dir: string): boolean {
  let current = dir;
  while (!existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) return false;
    current = parent;
  }
  try {
    accessSync(current, constants.W_OK);
    return true;
  } catch {
    return false; // not writable by this user: the next candidate folder is tried
  }
}

/** The running app, as the shim needs it (index.ts passes process.execPath, process.resourcesPath, app.isPackaged). */
export interface CliShimOptions {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  execPath: string;
  resourcesPath: string;
  env: NodeJS.ProcessEnv;
  home: string;
}

/** The menu item's work in the running app: plan for this install and write the shim. */
export async function installCliShim(options: CliShimOptions): Promise<ShimPlan | { reason: string }> {
  const target = shimTargetFor(options);
  if ('reason' in target) return target;
  const plan = planShim({ platform: options.platform, env: options.env, home: options.home, target, writable: canWriteUnder });
  if ('reason' in plan) return plan;
  await installShim(plan);
  return plan;
}

/** What the user is told after the menu item ran. */
export function shimOutcome(plan: ShimPlan): { title: string; body: string } {
  return plan.onPath
    ? { title: "'handoff' command installed", body: `${plan.file}: open a new terminal and run \`handoff doctor\`.` }
    : { title: "'handoff' command installed", body: `${plan.file}: add ${plan.dir} to your PATH, then run \`handoff doctor\` in a new terminal.` };
}

/**
 * The menu item. `install` does the work (plan + installShim, or a reason) and `report` shows the outcome (a
 * notification or dialog); failures are reported, never thrown into Electron's menu handler.
 */
export function cliShimMenuItem(install: () => Promise<ShimPlan | { reason: string }>, report: (title: string, body: string) => void): MenuItem {
  return {
    label: "Install 'handoff' command in PATH",
    click: () => {
      install().then(
        (outcome) => {
          if ('reason' in outcome) report("Could not install the 'handoff' command", outcome.reason);
          else {
            const { title, body } = shimOutcome(outcome);
            report(title, body);
          }
        },
        (error: unknown) => report("Could not install the 'handoff' command", error instanceof Error ? error.message : String(error)),
      );
    },
  };
}

/**
 * The tray's extra items for this run (pass to trayMenu's `extra`): the shim installer in a packaged app, nothing in a
 * development run, where `npm link` is the way.
 */
export function cliShimMenuItems(options: CliShimOptions, report: (title: string, body: string) => void): MenuItem[] {
  return options.isPackaged ? [cliShimMenuItem(() => installCliShim(options), report)] : [];
}
