// The worker's entry when the host runs from TypeScript sources (tests, the CLI through tsx): a worker thread does not
// inherit the parent's loaders, so it compiles core-worker.ts with tsx itself. The built app starts
// out/main/core-worker.js directly (electron.vite.config.ts builds it as its own entry).
import { tsImport } from 'tsx/esm/api';

await tsImport('./core-worker.ts', import.meta.url);
