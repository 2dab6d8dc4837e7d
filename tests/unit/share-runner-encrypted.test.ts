// When another Handoff serves the links, a new link is probed there: an encrypted link's address answers 308 (to its
// page at /<token>/), which means it is served, not dead.
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../electron/core/api/event-bus';
import { createMemoryLogger } from '../../electron/core/logger';
import { createShareRunner } from '../../electron/core/share/share-runner';
import type { SettingsStore } from '../../electron/core/library/settings-store';

function runner(probeStatus: number | null) {
  const settings = { get: () => ({ 'share.port': 47619, 'share.lan': false }) } as unknown as SettingsStore;
  return createShareRunner({
    settings,
    events: createEventBus(() => undefined),
    logger: createMemoryLogger(),
    serve: () => Promise.reject(Object.assign(new Error('in use'), { code: 'EADDRINUSE' })),
    probe: async () => probeStatus,
  });
}

describe('share runner: probing links another process serves', () => {
  it('accepts an encrypted link (308 to its page) and still refuses an address that does not answer', async () => {
    const encrypted = runner(308);
    await encrypted.start();
    await expect(encrypted.checkLocalLink('a'.repeat(32))).resolves.toBeUndefined();
    const dead = runner(null);
    await dead.start();
    await expect(dead.checkLocalLink('a'.repeat(32))).rejects.toThrow(/No share server answers/);
  });
});
