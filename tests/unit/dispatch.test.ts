import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../electron/core/api/dispatch';
import { createMemoryLogger } from '../../electron/core/logger';
import { HandoffError } from '../../shared/result';
import { channels } from '../../shared/contract';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  const all = Object.fromEntries(channels.map((channel) => [channel, unused])) as unknown as Handlers;
  return { ...all, ...overrides };
}

describe('the dispatcher', () => {
  it('refuses a call the contract does not list', async () => {
    const dispatch = createDispatcher(handlers(), createMemoryLogger());
    expect(await dispatch('files:readAnything', {})).toEqual({
      ok: false,
      error: { code: 'unknown-call', message: expect.stringContaining('files:readAnything') },
    });
    expect((await dispatch('__proto__', {})).ok).toBe(false);
    expect((await dispatch(42, {})).ok).toBe(false);
  });

  it('parses input with the contract schema, applying defaults, before the handler sees it', async () => {
    let seen: unknown;
    const dispatch = createDispatcher(
      handlers({ 'clips:list': (input) => ((seen = input), { clips: [], total: 0 }) }),
      createMemoryLogger(),
    );
    expect(await dispatch('clips:list', {})).toEqual({ ok: true, value: { clips: [], total: 0 } });
    expect(seen).toEqual({ limit: 100 });
    const bad = await dispatch('clips:list', { limit: 'all' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(!bad.ok && bad.error.message).toContain('limit');
    expect(await dispatch('clips:list', { limit: 5, path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('turns thrown errors into results: HandoffError keeps its code, anything else is internal and logged', async () => {
    const logger = createMemoryLogger();
    const dispatch = createDispatcher(
      handlers({
        'settings:get': () => {
          throw new HandoffError('not-found', 'nothing here');
        },
        'app:info': () => {
          throw new TypeError('boom');
        },
      }),
      logger,
    );
    expect(await dispatch('settings:get', {})).toEqual({ ok: false, error: { code: 'not-found', message: 'nothing here' } });
    expect(await dispatch('app:info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logger.lines.some((line) => line.includes('app:info failed unexpectedly') && line.includes('boom'))).toBe(true);
  });
});
