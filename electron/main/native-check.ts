// Before any window opens: can this Electron load its build of better-sqlite3? If not (npm built the module for the
// system Node, and `npm run native` has not made Electron's build), the app would die on its first database open with
// "compiled against a different Node.js version". Instead it says what to run, and offers browser mode, which runs the
// same app on the system Node.
import { bindingLoadError, chooseNativeBinding, currentRuntime, type RuntimeId } from '../core/system/native-binding';

export interface NativeProblem {
  runtime: RuntimeId;
  bindingPath: string | null;
  error: string;
}

/** null when the binding loads; otherwise what failed. */
export function checkNativeBinding(nativeRoot: string | null, runtime: RuntimeId = currentRuntime(), loadError = bindingLoadError): NativeProblem | null {
  const binding = chooseNativeBinding(nativeRoot, runtime);
  const error = loadError(binding.path);
  return error === null ? null : { runtime, bindingPath: binding.path, error };
}

export function nativeProblemMessage(problem: NativeProblem, checkout: string | null): { message: string; detail: string } {
  const { runtime } = problem;
  const fix = checkout
    ? `In a terminal, in ${checkout}, run:\n\n    npm run native -- --electron\n\nthen start Handoff again.`
    : 'Reinstall Handoff: this installation is damaged.';
  return {
    message: `Handoff cannot open its library: the database module has no working build for ${runtime.runtime} ${runtime.version} (ABI ${runtime.abi}).`,
    detail: `${problem.error}.\n\n${fix}\n\nMeanwhile, browser mode runs the same app in your browser on this computer.`,
  };
}

export interface NativeProblemPieces {
  showMessageBox(options: { type: 'error'; message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number }): Promise<{ response: number }>;
  /** Starts browser mode on the system Node and opens it; rejects with a sentence when it cannot. */
  openBrowserMode(): Promise<void>;
  showErrorBox(title: string, content: string): void;
}

/** Tells the person, offers browser mode; resolves once they chose (the app then quits either way). */
export async function reportNativeProblem(problem: NativeProblem, checkout: string | null, pieces: NativeProblemPieces): Promise<'browser-mode' | 'quit'> {
  const { message, detail } = nativeProblemMessage(problem, checkout);
  const canOfferBrowser = checkout !== null;
  const buttons = canOfferBrowser ? ['Open browser mode', 'Quit'] : ['Quit'];
  const { response } = await pieces.showMessageBox({ type: 'error', message, detail, buttons, defaultId: 0, cancelId: buttons.length - 1 });
  if (!canOfferBrowser || response !== 0) return 'quit';
  try {
    await pieces.openBrowserMode();
    return 'browser-mode';
  } catch (error) {
    pieces.showErrorBox('Browser mode did not start', error instanceof Error ? error.message : String(error));
    return 'quit';
  }
}

export interface BrowserModeLaunch {
  /** The system Node (npm sets npm_node_execpath when `npm start` runs the app), else `node` on PATH. */
  nodeBinary: string;
  checkout: string;
  spawn(command: string, args: string[]): { stdout: NodeJS.ReadableStream; on(event: 'exit', listener: (code: number | null) => void): unknown; unref(): void };
  openExternal(url: string): Promise<void>;
}

/** Runs `handoff web --json` on the system Node, waits for the URL it prints, and opens it in the default browser. */
export function launchBrowserMode(launch: BrowserModeLaunch, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = launch.spawn(launch.nodeBinary, [`${launch.checkout}/bin/handoff.mjs`, '--json', 'web']);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`browser mode printed no address within ${timeoutMs / 1000} s`)), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`\`${launch.nodeBinary} bin/handoff.mjs web\` exited with code ${code}: is Node.js 20.19 or newer installed?`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /"url":\s*"(http:\/\/127\.0\.0\.1:\d+\/[^"]*)"/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.unref();
      launch.openExternal(url).then(resolve, reject);
    });
  });
}
