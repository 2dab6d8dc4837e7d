// How responsive a thread's event loop stayed while something ran: perf_hooks.monitorEventLoopDelay (max and p99 of
// the delay, in ms) plus the longest gap between ticks of a 5 ms interval timer, which is what a window's IPC, a
// WebSocket or the recorder's HUD would have waited. For any benchmark: `withEventLoopWatch(() => work())`, or
// `const stop = await watchEventLoop(); …; const report = await stop()`.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface EventLoopReport {
  /** Longest event-loop delay seen (ms). */
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  /** Longest time between two ticks of a 5 ms timer (ms); ~5 when nothing blocked. */
  longestGapMs: number;
}

/**
 * Starts watching once the histogram has taken its first sample (it measures each delay from the previous sample, so
 * a block that starts before the first one is never seen). The returned stop() resolves after one more tick, so a
 * block that lasted until the end of the work is counted too.
 */
export async function watchEventLoop(resolutionMs = 5): Promise<() => Promise<EventLoopReport>> {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  // No reset() after this: it forgets the previous sample too, and the next block would go unseen again.
  await new Promise((resolve) => setTimeout(resolve, resolutionMs * 4));
  let last = performance.now();
  let longestGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, resolutionMs);
  return async () => {
    longestGapMs = Math.max(longestGapMs, performance.now() - last);
    await new Promise((resolve) => setTimeout(resolve, resolutionMs * 4));
    clearInterval(timer);
    histogram.disable();
    const ms = (ns: number) => ns / 1e6;
    return { maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), meanMs: ms(histogram.mean), longestGapMs };
  };
}

/** Runs `work` while watching this thread's event loop. */
export async function withEventLoopWatch<T>(work: () => Promise<T>, resolutionMs = 5): Promise<{ value: T; loop: EventLoopReport; ms: number }> {
  const stop = await watchEventLoop(resolutionMs);
  const started = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - started;
    return { value, ms, loop: await stop() };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function formatLoop(report: EventLoopReport): string {
  return `event-loop max ${report.maxMs.toFixed(1)} ms, p99 ${report.p99Ms.toFixed(1)} ms, longest timer gap ${report.longestGapMs.toFixed(1)} ms`;
}
