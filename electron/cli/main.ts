// The CLI as a program (out/main/cli-main.js): what the installed app's `handoff` shim runs, with the app's Electron
// binary as Node (ELECTRON_RUN_AS_NODE). out/main/cli.js only exports runCli, for bin/handoff.mjs in a checkout.
import { runCli } from './index';

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
