import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/core/logger';
import { startLinkPruning, type PruneTimers } from '../../electron/core/share/lasting-schedule';

function fakeTimers() {
  const ticks: (() => void)[] = [];
  let cleared = false;
  const timers: PruneTimers = {
    setInterval: (fn) => {
      ticks.push(fn);
      return 1;
    },
    clearInterval: () => {
      cleared = true;
    },
  };
  return { timers, tick: () => ticks.forEach((fn) => fn()), cleared: () => cleared };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('scheduled pruning of expired bucket links', () => {
  it('prunes at start and on each tick, logs a failure and carries on, and stops', async () => {
    const logger = createMemoryLogger();
    const clock = fakeTimers();
    const results: (Error | { pruned: { token: string; deleted: number }[] })[] = [
      { pruned: [] },
      new Error('bucket unreachable'),
      { pruned: [{ token: 't'.repeat(32), deleted: 4 }] },
    ];
    let calls = 0;
    const stop = startLinkPruning({
      prune: async () => {
        const next = results[calls++];
        if (next instanceof Error) throw next;
        return next;
      },
      logger,
      timers: clock.timers,
    });
    await settle();
    expect(calls).toBe(1);
    clock.tick();
    await settle();
    expect(logger.lines.join('\n')).toContain('bucket unreachable');
    clock.tick();
    await settle();
    expect(calls).toBe(3);
    expect(logger.lines.join('\n')).toContain('expired bucket links pruned');
    stop();
    expect(clock.cleared()).toBe(true);
  });

  it('never runs two prunes at once', async () => {
    const clock = fakeTimers();
    let calls = 0;
    let finish: () => void = () => undefined;
    startLinkPruning({
      prune: () => {
        calls += 1;
        return new Promise((resolve) => (finish = () => resolve({ pruned: [] })));
      },
      logger: createMemoryLogger(),
      timers: clock.timers,
    });
    clock.tick();
    clock.tick();
    expect(calls).toBe(1);
    finish();
    await settle();
    clock.tick();
    expect(calls).toBe(2);
  });
});
