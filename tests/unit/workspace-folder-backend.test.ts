import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVideoTime } from '../../electron/cli/commands/updates';
import { feedKey, feedKeyFloor, parseWorkspaceJson, manifestFile } from '../../electron/core/workspace/files';
import { createFolderBackend } from '../../electron/core/workspace/folder-backend';

const collect = async (it: AsyncIterable<{ key: string }>) => {
  const keys: string[] = [];
  for await (const item of it) keys.push(item.key);
  return keys;
};

describe('folder backend', () => {
  it('lists in key order, after startAfter, without temp files', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'handoff-fb-'));
    const backend = createFolderBackend(root);
    const stamps = [Date.UTC(2026, 0, 1, 9), Date.UTC(2026, 0, 1, 10, 30), Date.UTC(2026, 0, 2, 8)];
    for (const [i, ms] of stamps.entries()) await backend.putOnce(feedKey(ms, `r${i}`), Buffer.from('{}'));
    mkdirSync(path.join(root, 'feed', 'x'), { recursive: true });
    writeFileSync(path.join(root, 'feed', 'x', '.partial.tmp'), 'x');
    expect(await collect(backend.list('feed/'))).toEqual([feedKey(stamps[0], 'r0'), feedKey(stamps[1], 'r1'), feedKey(stamps[2], 'r2')]);
    expect(await collect(backend.list('feed/', feedKeyFloor(Date.UTC(2026, 0, 1, 10))))).toEqual([feedKey(stamps[1], 'r1'), feedKey(stamps[2], 'r2')]);
    // Nothing left behind by the write-once dance.
    expect(readdirSync(path.join(root, 'feed', '20260101T09'))).toEqual([path.basename(feedKey(stamps[0], 'r0'))]);
  });

  it('refuses keys that escape the workspace', async () => {
    const backend = createFolderBackend(mkdtempSync(path.join(os.tmpdir(), 'handoff-fb-')));
    await expect(backend.putOnce('../outside.json', Buffer.from('x'))).rejects.toThrow(/escapes/);
  });
});

describe('workspace JSON', () => {
  it.each([
    ['{"schema":1,"id":"abc', 'malformed'],
    ['{"schema":7}', 'unknown-version'],
    ['{"id":"abcdef"}', 'unknown-version'],
    ['{"schema":1,"id":"abcdef"}', 'malformed'],
  ])('%s → %s', (text, kind) => {
    const parsed = parseWorkspaceJson(Buffer.from(text), manifestFile);
    expect(parsed.ok ? 'ok' : parsed.kind).toBe(kind);
  });
});

describe('video times', () => {
  it.each([
    ['0:42', 42_000],
    ['42', 42_000],
    ['1:02:03', 3_723_000],
    ['0:03.5', 3_500],
  ])('%s = %d ms', (text, ms) => expect(parseVideoTime(text)).toBe(ms));
  it('rejects nonsense', () => expect(() => parseVideoTime('soon')).toThrow(/Not a video time/));
});
