// A burst of change events while a reload runs becomes one more reload, not one per event.
import { describe, expect, it } from 'vitest';
import { createCoalescedReload } from '../../renderer/src/lib/coalesced-reload';

function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('coalesced reload', () => {
  it('runs at once when idle, and folds every request made meanwhile into one reload after it', async () => {
    const runs: ReturnType<typeof deferred>[] = [];
    const reload = createCoalescedReload(() => {
      const d = deferred();
      runs.push(d);
      return d.promise;
    }, () => undefined);
    reload.request();
    expect(runs).toHaveLength(1);
    for (let i = 0; i < 50; i++) reload.request();
    expect(runs).toHaveLength(1);
    runs[0].resolve();
    await settle();
    expect(runs).toHaveLength(2);
    runs[1].resolve();
    await settle();
    expect(runs).toHaveLength(2);
    reload.request();
    expect(runs).toHaveLength(3);
  });

  it('reports a failed reload and still runs the one requested meanwhile', async () => {
    const runs: ReturnType<typeof deferred>[] = [];
    const errors: unknown[] = [];
    const reload = createCoalescedReload(() => {
      const d = deferred();
      runs.push(d);
      return d.promise;
    }, (error) => errors.push(error));
    reload.request();
    reload.request();
    runs[0].reject(new Error('main process busy'));
    await settle();
    expect(errors.map(String)).toEqual(['Error: main process busy']);
    expect(runs).toHaveLength(2);
  });

  it('starts nothing after dispose', async () => {
    let count = 0;
    const first = deferred();
    const reload = createCoalescedReload(() => (count++ === 0 ? first.promise : Promise.resolve()), () => undefined);
    reload.request();
    reload.request();
    reload.dispose();
    first.resolve();
    await settle();
    reload.request();
    expect(count).toBe(1);
  });
});
