// The GitHub workflows and the packaging config cannot run here; their schemas can be checked. Every workflow and
// local action goes through @action-validator/cli (GitHub's workflow schema), electron-builder.yml through
// electron-builder's own configuration validator, and each check is shown to fail on a broken copy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const require = createRequire(import.meta.url);
const validatorCli = require.resolve('@action-validator/cli/cli.mjs');

function validate(file: string) {
  const result = spawnSync(process.execPath, [validatorCli, file], { encoding: 'utf8', cwd: root });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

const workflows = readdirSync(path.join(root, '.github', 'workflows')).filter((name) => /\.ya?ml$/.test(name));
const actions = readdirSync(path.join(root, '.github', 'actions')).map((dir) => path.join('.github', 'actions', dir, 'action.yml'));

// Each validation is a Node process (~0.4 s); the timeout leaves room for a machine busy with other work.
describe('GitHub workflows', { timeout: 30_000 }, () => {
  it('has the CI and release workflows', () => {
    expect(workflows).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
  });

  it.each([...workflows.map((name) => path.join('.github', 'workflows', name)), ...actions])('%s passes action-validator', (file) => {
    const { ok, output } = validate(path.join(root, file));
    expect(output).toBe('');
    expect(ok).toBe(true);
  });

  it('action-validator refuses a workflow with a misspelt key', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-workflow-'));
    const broken = readFileSync(path.join(root, '.github', 'workflows', 'ci.yml'), 'utf8').replace('runs-on: ${{ matrix.os }}', 'run-on: ${{ matrix.os }}');
    writeFileSync(path.join(dir, 'ci.yml'), broken);
    const { ok, output } = validate(path.join(dir, 'ci.yml'));
    expect(ok).toBe(false);
    expect(output).toContain("Additional property 'run-on' is not allowed");
  });

  it('runs every step of the three-OS matrix under bash, Windows included', () => {
    for (const name of workflows) {
      const text = readFileSync(path.join(root, '.github', 'workflows', name), 'utf8').replace(/\r\n/g, '\n');
      expect(text, name).toMatch(/^defaults:\n {2}run:\n(?: {4}#.*\n)* {4}shell: bash$/m);
    }
    // A composite action has no defaults: each of its run steps names its shell.
    for (const file of actions) {
      const text = readFileSync(path.join(root, file), 'utf8').replace(/\r\n/g, '\n');
      const runs = text.match(/^ {6}run: /gm) ?? [];
      const shells = text.match(/^ {6}shell: bash$/gm) ?? [];
      expect(shells.length, file).toBe(runs.length);
    }
  });
});

describe('electron-builder.yml', { timeout: 30_000 }, () => {
  // electron-builder's own validator (the one `electron-builder` runs first), loaded from its package.
  async function validateBuilderConfig(text: string) {
    const yaml = require('js-yaml') as { load(text: string): unknown };
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(config: unknown, logger: unknown): Promise<void> };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    return validateConfiguration(yaml.load(text), new DebugLogger(false));
  }
  const text = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8').replace(/\r\n/g, '\n');

  it('is valid, publishes to GitHub releases and builds the zip electron-updater needs on macOS', async () => {
    await expect(validateBuilderConfig(text)).resolves.toBeUndefined();
    expect(text).toMatch(/^publish:\n {2}provider: github$/m);
    expect(text).toMatch(/^ {2}target: \[dmg, zip\]$/m);
  });

  it('the validator refuses a misspelt key', async () => {
    await expect(validateBuilderConfig(text.replace('releaseType:', 'releaseTypo:'))).rejects.toThrow(/configuration\.publish/);
  });
});
