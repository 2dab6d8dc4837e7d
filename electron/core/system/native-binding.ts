// One checkout serves two runtimes whose native-module ABIs differ: the CLI and the tests run on the system Node, the
// desktop app on Electron's own Node. Each gets its own build of better-sqlite3, in a folder keyed by runtime and ABI
// (`native/electron-145/better_sqlite3.node`), made by `npm run native`; they never overwrite each other or the
// build npm made for the system Node (node_modules/better-sqlite3/build/Release). This module chooses, in one place,
// which build the current process loads, and tells `handoff doctor` which builds are present.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const NATIVE_DIR = 'native';
export const BINDING_FILE = 'better_sqlite3.node';

export type RuntimeName = 'node' | 'electron';

export interface RuntimeId {
  runtime: RuntimeName;
  /** NODE_MODULE_VERSION, e.g. '115' for Node 20, '137' for Node 24, '145' for Electron 41. */
  abi: string;
  /** The runtime's version (Node's or Electron's). */
  version: string;
}

export interface NativeBinding {
  /** The file to pass as better-sqlite3's `nativeBinding`; null = the package's own build (node_modules). */
  path: string | null;
  /** Where it came from, in words for doctor and error messages. */
  source: 'runtime-folder' | 'package-build';
  runtime: RuntimeId;
}

/** The runtime this process is, from `process.versions` (Electron adds `electron`, also under ELECTRON_RUN_AS_NODE). */
export function currentRuntime(versions: NodeJS.ProcessVersions = process.versions): RuntimeId {
  const electron = (versions as NodeJS.ProcessVersions & { electron?: string }).electron;
  return electron
    ? { runtime: 'electron', abi: versions.modules, version: electron }
    : { runtime: 'node', abi: versions.modules, version: versions.node };
}

export function runtimeFolderName(runtime: Pick<RuntimeId, 'runtime' | 'abi'>): string {
  return `${runtime.runtime}-${runtime.abi}`;
}

export function runtimeBindingPath(nativeRoot: string, runtime: Pick<RuntimeId, 'runtime' | 'abi'>): string {
  return path.join(nativeRoot, NATIVE_DIR, runtimeFolderName(runtime), BINDING_FILE);
}

/**
 * The build this process should load. A runtime folder for this exact runtime and ABI wins; otherwise the package's
 * own build, which is right for the Node that ran `npm install` (and is what a packaged app's rebuilt module would be).
 * `nativeRoot` is the checkout (or, packaged, the app's resources folder) that holds `native/`.
 */
export function chooseNativeBinding(nativeRoot: string | null, runtime: RuntimeId = currentRuntime()): NativeBinding {
  if (nativeRoot) {
    const candidate = runtimeBindingPath(nativeRoot, runtime);
    if (existsSync(candidate)) return { path: candidate, source: 'runtime-folder', runtime };
  }
  return { path: null, source: 'package-build', runtime };
}

export interface PresentBinding {
  /** `electron-145`, `node-137`, or `package` for npm's build in node_modules. */
  name: string;
  runtime: RuntimeName | null;
  abi: string | null;
  path: string;
  /** Whether this process can load it (only one ABI can: this runtime's). */
  loadsHere: boolean;
  /** Why it does not load here, e.g. "built for NODE_MODULE_VERSION 145; this runtime needs 115". */
  error: string | null;
}

/** Loads a binding the way better-sqlite3 does and opens an in-memory database with it; null when that works. */
export function bindingLoadError(bindingPath: string | null): string | null {
  try {
    const require = createRequire(import.meta.url);
    const Database = require('better-sqlite3') as new (file: string, options?: { nativeBinding?: string }) => { close(): void };
    new Database(':memory:', bindingPath ? { nativeBinding: bindingPath } : {}).close();
    return null;
  } catch (error) {
    return describeBindingError(error instanceof Error ? error.message : String(error));
  }
}

/** Node's ABI mismatch message is long and names two numbers; keep the sentence a person can act on. */
export function describeBindingError(message: string): string {
  const versions = /NODE_MODULE_VERSION (\d+)[\s\S]*NODE_MODULE_VERSION (\d+)/.exec(message);
  if (versions) return `built for NODE_MODULE_VERSION ${versions[1]}; this runtime needs ${versions[2]}`;
  return message.split('\n')[0].slice(0, 300);
}

/** Every build present under `nativeRoot`: the runtime folders and the package's own build. */
export function listNativeBindings(nativeRoot: string | null, packageBuild: string | null, here: RuntimeId = currentRuntime()): PresentBinding[] {
  const found: PresentBinding[] = [];
  const folder = nativeRoot ? path.join(nativeRoot, NATIVE_DIR) : null;
  const entries = folder && existsSync(folder) ? readdirSync(folder, { withFileTypes: true }) : [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const match = /^(node|electron)-(\d+)$/.exec(entry.name);
    const file = path.join(folder!, entry.name, BINDING_FILE);
    if (!match || !existsSync(file)) continue;
    const [, runtime, abi] = match;
    // Loading a build made for another ABI only throws; it is tried only when it could be ours.
    const ours = runtime === here.runtime && abi === here.abi;
    const error = ours ? bindingLoadError(file) : `for ${runtime} with ABI ${abi}; this process is ${here.runtime} with ABI ${here.abi}`;
    found.push({ name: entry.name, runtime: runtime as RuntimeName, abi, path: file, loadsHere: ours && error === null, error });
  }
  if (packageBuild && existsSync(packageBuild)) {
    const error = bindingLoadError(packageBuild);
    const abi = error ? (/NODE_MODULE_VERSION (\d+);/.exec(error)?.[1] ?? null) : here.abi;
    found.push({ name: 'package', runtime: error ? null : here.runtime, abi, path: packageBuild, loadsHere: error === null, error });
  }
  return found;
}

/** npm's own build of the package, wherever node_modules is. */
export function packageBuildPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('better-sqlite3/package.json');
    return path.join(path.dirname(pkg), 'build', 'Release', BINDING_FILE);
  } catch {
    return null;
  }
}
