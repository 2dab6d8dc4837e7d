// The share server's state for the UI: running on a port, or not and why. Apart from share.ts (links) because a
// process that never serves (a one-shot CLI command) still makes links for the one that does.
import { z } from 'zod';

export const shareServerState = z.object({
  /** not-started: this process does not serve links (a CLI command); failed: it tried, `message` says why. */
  state: z.enum(['not-started', 'running', 'failed']),
  port: z.number(),
  /** Listening on every interface (links work on the local network), not only this computer. */
  lan: z.boolean(),
  url: z.string().nullable(),
  message: z.string().nullable(),
});
export type ShareServerState = z.infer<typeof shareServerState>;

export const shareServerCalls = {
  'shareServer:status': { input: z.object({}).strict(), output: shareServerState },
  /** Starts it again on the saved port and LAN setting (e.g. after the program holding the port quit). */
  'shareServer:retry': { input: z.object({}).strict(), output: shareServerState },
} as const;

export const shareServerEvents = {
  'shareServer:changed': shareServerState,
} as const;
