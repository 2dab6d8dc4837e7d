import { z } from 'zod';

const empty = z.object({}).strict();

export const doctorCheck = z.object({
  name: z.string(),
  ok: z.boolean(),
  required: z.boolean(),
  detail: z.string(),
  fix: z.string().optional(),
});

export const doctorReport = z.object({
  ready: z.boolean(),
  ffmpeg: z.object({
    found: z.boolean(),
    path: z.string().nullable(),
    version: z.string().nullable(),
    screenInputs: z.array(z.string()),
    audioInputs: z.array(z.string()),
    cameraInputs: z.array(z.string()),
    encoders: z.object({ libx264: z.boolean(), aac: z.boolean(), hardware: z.array(z.string()) }),
  }),
  whisper: z.object({ found: z.boolean(), path: z.string().nullable(), version: z.string().nullable(), models: z.array(z.string()) }),
  dataDir: z.object({ path: z.string(), writable: z.boolean(), freeBytes: z.number().nullable() }),
  display: z.object({ kind: z.enum(['x11', 'wayland', 'macos', 'windows', 'none']), name: z.string().nullable(), reachable: z.boolean() }),
  mics: z.array(z.string()),
  cameras: z.array(z.string()),
  /** Which compiled better-sqlite3 this process runs on, and every build present (one per runtime and ABI). */
  native: z.object({
    runtime: z.enum(['node', 'electron']),
    abi: z.string(),
    version: z.string(),
    active: z.string().nullable(),
    source: z.enum(['runtime-folder', 'package-build']),
    bindings: z.array(
      z.object({
        name: z.string(),
        runtime: z.enum(['node', 'electron']).nullable(),
        abi: z.string().nullable(),
        path: z.string(),
        loadsHere: z.boolean(),
        error: z.string().nullable(),
      }),
    ),
  }),
  checks: z.array(doctorCheck),
});
export type DoctorReport = z.infer<typeof doctorReport>;

export const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  dataDir: z.string(),
});

export const profileSettings = z.object({
  name: z.string(),
  timezone: z.string(),
});

/**
 * Whether the core is up. Answered by the host itself while the core starts (its thread is busy migrating the
 * library), so the renderer can show "Updating your library… 3/9" before anything else loads.
 */
export const startupStatus = z.object({
  state: z.enum(['starting', 'migrating', 'ready']),
  step: z.number().int().nullable(),
  total: z.number().int().nullable(),
});
export type StartupStatus = z.infer<typeof startupStatus>;

export const appCalls = {
  'app:info': { input: empty, output: appInfo },
  'app:startup': { input: empty, output: startupStatus },
  'app:doctor': { input: empty, output: doctorReport },
} as const;

export const appEvents = {
  /** A start-up migration of the library: `step` of `total` is running now. */
  'app:migration': z.object({ step: z.number().int().min(1), total: z.number().int().min(1), name: z.string() }),
  'app:notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  /** The desktop shell asks the renderer to show a route (tray, deep link, notification click). */
  'app:navigate': z.object({ route: z.string().regex(/^#\/[\w/?=&.-]*$/) }),
  /**
   * Something deserves a notification (a teammate's update arrived, a reply falls due). Core decides, once per item;
   * the desktop shell shows it natively, browser mode through the Web Notifications API. Clicking opens `route`.
   */
  'app:notify': z.object({
    key: z.string().max(200),
    kind: z.enum(['arrival', 'deadline', 'summary', 'digest']),
    clipId: z.string().nullable(),
    title: z.string().max(300),
    body: z.string().max(1000),
    route: z.string().regex(/^#\/[\w/?=&.-]*$/),
  }),
} as const;
