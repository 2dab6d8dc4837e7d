// Reloads that follow change events. A sync or an import emits `clips:changed` per clip, and each `inbox:get` orders
// the whole library in the main process (0.6–1.0 s at 10k clips): one reload per event queued up a minute of work
// behind a burst. Here a request while a reload runs only marks one more to run after it, so a burst of any size costs
// at most two reloads, and the last one sees every change.

export interface CoalescedReload {
  /** Asks for a reload: now if none is running, else once after the running one. */
  request(): void;
  /** No reload starts after this (the one running finishes; its caller ignores the result). */
  dispose(): void;
}

export function createCoalescedReload(reload: () => Promise<void>, onError: (error: unknown) => void): CoalescedReload {
  let running = false;
  let pending = false;
  let disposed = false;

  async function drain(): Promise<void> {
    running = true;
    while (pending && !disposed) {
      pending = false;
      await reload().catch(onError);
    }
    running = false;
  }

  return {
    request() {
      if (disposed) return;
      pending = true;
      if (!running) void drain();
    },
    dispose() {
      disposed = true;
    },
  };
}
