import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
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

/**
 * Creates the data folder (and its clips folder) for this user only: it holds the library, which keeps the share
 * tokens the owner needs to copy a link again, and every recording. An existing folder that already holds a library
 * is tightened too; a folder without one (say a --data-dir pointed at an existing folder) is left as the user made it.
 */
export function preparePrivateDataDir(dataDir: string, clipsDir: string, databaseFile: string): void {
  const hadLibrary = existsSync(databaseFile);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  mkdirSync(clipsDir, { recursive: true, mode: 0o700 });
  if (hadLibrary) chmodSync(dataDir, 0o700);
}

/**
 * Creates (or tightens) a SQLite database file as 0600 before SQLite opens it: SQLite gives the -wal and -shm files
 * it creates the main file's permissions, so they are private too. Existing -wal/-shm files are tightened as well.
 */
export function preparePrivateDatabaseFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const name of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(name)) chmodSync(name, 0o600);
}
