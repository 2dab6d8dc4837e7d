import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { findOnPath } from './run';

async function executable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the app looks for a helper binary, in order: an explicit environment variable, the data folder's bin/
 * (a user-installed copy), the repository's or package's resources/bin/ (what `npm run build:whisper` and packaging put
 * there), then PATH.
 */
export async function locateBinary(options: {
  name: string;
  envVar: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  dataDir: string;
  resourcesDir: string;
}): Promise<string | null> {
  const exe = options.platform === 'win32' ? options.name + '.exe' : options.name;
  const fromEnv = options.env[options.envVar];
  if (fromEnv) return (await executable(fromEnv)) ? path.resolve(fromEnv) : null;
  for (const candidate of [path.join(options.dataDir, 'bin', exe), path.join(options.resourcesDir, 'bin', exe)]) {
    if (await executable(candidate)) return candidate;
  }
  return findOnPath(options.name, options.env, options.platform);
}
