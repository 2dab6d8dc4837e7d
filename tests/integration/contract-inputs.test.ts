// Issue 20, finding 6, against a real core and the real CLI: a workspace folder is used only if it exists, unless the
// caller confirmed making it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handoff } from '../support/workspace-helpers';
import { makeTempCore } from '../support/temp-core';

const env = makeTempCore();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'handoff-folder-'));
afterAll(() => {
  env.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('workspace:useFolder', () => {
  it('refuses a folder that does not exist, and makes nothing', async () => {
    const missing = path.join(scratch, 'no', 'such', 'team');
    const result = await env.core.dispatch('workspace:useFolder', { dir: missing });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('does not exist') } });
    expect(existsSync(path.join(scratch, 'no'))).toBe(false);
    const settings = await env.core.dispatch('settings:get', {});
    expect(settings).toMatchObject({ ok: true, value: { 'workspace.folder': '' } });
  });

  it('makes it when the caller confirms, and uses an existing one as before', async () => {
    const confirmed = path.join(scratch, 'made', 'team');
    expect(await env.core.dispatch('workspace:useFolder', { dir: confirmed, create: true })).toMatchObject({ ok: true });
    expect(existsSync(confirmed)).toBe(true);
    expect(await env.core.dispatch('workspace:useFolder', { dir: scratch })).toMatchObject({ ok: true });
  });

  it('refuses a file posing as a folder', async () => {
    const result = await env.core.dispatch('workspace:useFolder', { dir: path.join(env.core.paths.dataDir, 'library.sqlite') });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('the CLI asks for --create to make one', async () => {
    const dataDir = path.join(scratch, 'cli-data');
    const target = path.join(scratch, 'cli', 'team');
    const refused = await handoff(dataDir, ['workspace', 'use-folder', target]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--create');
    expect(existsSync(target)).toBe(false);
    const made = await handoff(dataDir, ['workspace', 'use-folder', '--create', target]);
    expect(made.code, made.stderr).toBe(0);
    expect(existsSync(target)).toBe(true);
  });
});

describe('endpoints and URLs stored before the stricter rules', () => {
  it('are read as stored (never silently swapped for a default), but cannot be written again', async () => {
    env.core.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('workspace.s3.endpoint', JSON.stringify('http://minio.lan:9000'));
    expect(await env.core.dispatch('settings:get', {})).toMatchObject({ ok: true, value: { 'workspace.s3.endpoint': 'http://minio.lan:9000' } });
    const again = await env.core.dispatch('settings:set', { values: { 'workspace.s3.endpoint': 'http://minio.lan:9000' } });
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('https://') } });
    expect(await env.core.dispatch('settings:set', { values: { 'workspace.s3.endpoint': 'https://minio.lan:9000' } })).toMatchObject({ ok: true });
  });
});

