import path from 'node:path';

/**
 * The platform's app-data folder, the same one Electron's `app.getPath('userData')` gives for an app named Handoff,
 * so the desktop app, the CLI and browser mode share one library.
 */
export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Handoff');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Handoff');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Handoff');
}

/** --data-dir wins, then HANDOFF_DATA_DIR, then the platform default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  const chosen = flag || env.HANDOFF_DATA_DIR;
  return path.resolve(chosen || defaultDataDir(platform, env, home));
}
