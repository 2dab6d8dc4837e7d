#!/usr/bin/env node
// The `handoff` command: runs the TypeScript CLI through tsx, so it works straight after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/index.ts');
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
process.exitCode = code;
