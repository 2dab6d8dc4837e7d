// bench:norms (issue 17): runs norms-reads.ts on a worker thread with the heap limits of the app's core worker, since
// that is where inbox:get runs in the app (Electron and browser mode); the figures are printed by the worker.
import { Worker } from 'node:worker_threads';
import { CORE_WORKER_RESOURCE_LIMITS } from '../../electron/core/worker/protocol';

const script = new URL('./norms-reads.ts', import.meta.url).href;
// The worker reads TypeScript through tsx's API (a loader given to the main thread does not reach worker threads).
const worker = new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(script)}, ${JSON.stringify(import.meta.url)}))`, {
  eval: true,
  resourceLimits: CORE_WORKER_RESOURCE_LIMITS,
});
worker.on('error', (error) => {
  console.error(error);
  process.exitCode = 1;
});
worker.on('exit', (code) => {
  if (code !== 0 && !process.exitCode) process.exitCode = code;
});
