// The library holds every share token and everything said in every clip: the data folder is the user's alone (0700),
// and the database, its WAL and SHM, and backups are 0600, whatever the umask (issue 20, finding 14). Real files, the
// real CLI.
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handoff } from '../support/workspace-helpers';
import { tempDir } from '../support/temp-core';

const mode = (file: string) => statSync(file).mode & 0o777;
const folder = tempDir('handoff-perm-');
afterAll(() => folder.remove());

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  it('creates the folder 0700 and the database, WAL, SHM and a backup 0600', async () => {
    const previous = process.umask(0o022);
    try {
      const dataDir = path.join(folder.dir, 'fresh', 'Handoff');
      const listed = await handoff(dataDir, ['list']);
      expect(listed.code, listed.stderr).toBe(0);
      // A write while the library is open leaves the WAL and SHM beside it; `settings` via profile is one.
      expect((await handoff(dataDir, ['profile', '--name', 'Ana', '--timezone', 'Europe/Berlin'])).code).toBe(0);
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(dataDir, 'clips'))).toBe(0o700);
      const db = path.join(dataDir, 'library.sqlite');
      expect(mode(db)).toBe(0o600);
      for (const extra of [`${db}-wal`, `${db}-shm`]) if (existsSync(extra)) expect(mode(extra), extra).toBe(0o600);

      const backup = path.join(folder.dir, 'backup.sqlite');
      const backedUp = await handoff(dataDir, ['backup', backup]);
      expect(backedUp.code, backedUp.stderr).toBe(0);
      expect(mode(backup)).toBe(0o600);
      expect(statSync(backup).size).toBeGreaterThan(0);
    } finally {
      process.umask(previous);
    }
  });

  it('opens the WAL and SHM 0600 while the library is open', async () => {
    const { composeCore } = await import('../../electron/core/compose');
    const { createMemoryLogger } = await import('../../electron/core/logger');
    const dataDir = path.join(folder.dir, 'open');
    const core = composeCore({ dataDir, resourcesDir: '', version: '0', env: {}, platform: process.platform, logger: createMemoryLogger(), clock: () => new Date() });
    try {
      await core.dispatch('settings:set', { values: { 'profile.name': 'Bo' } });
      const db = path.join(dataDir, 'library.sqlite');
      expect(existsSync(`${db}-wal`)).toBe(true);
      expect(mode(`${db}-wal`)).toBe(0o600);
      expect(mode(`${db}-shm`)).toBe(0o600);
    } finally {
      core.close();
    }
  });

  it('tightens a library an older version left 0755/0644', async () => {
    const dataDir = path.join(folder.dir, 'old');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const db = path.join(dataDir, 'library.sqlite');
    writeFileSync(db, '');
    chmodSync(db, 0o644);
    expect((await handoff(dataDir, ['list'])).code).toBe(0);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(db)).toBe(0o600);
  });
});
