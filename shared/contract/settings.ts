import { z } from 'zod';
import { bubbleCorner, recordQuality } from './recorder';
import { parseWorkdays } from '../norms/workdays';
import { absoluteFolder, httpsUrl } from './safe-inputs';

/** Every user setting, with its type and default. Unknown keys are refused at the boundary. */
export const settingsShape = z.object({
  'profile.name': z.string().max(120).default(''),
  'profile.timezone': z.string().max(64).default(''),
  'profile.workingHours': z
    .string()
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'expected HH:MM-HH:MM')
    .default('09:00-17:00'),
  /** Days I work (mon-fri, sun-thu, mon,tue,thu); replies I owe are counted in these days only. */
  'profile.workdays': z
    .string()
    .max(64)
    .refine((value) => parseWorkdays(value) !== null, 'expected days such as mon-fri, sun-thu or mon,tue,thu')
    .default('mon-fri'),
  /** When the start-of-day digest was last shown or dismissed (ISO); it shows again at the start of my next workday. */
  'digest.lastShownAt': z.string().max(40).default(''),
  'ui.onboarded': z.boolean().default(false),
  'shortcuts.record': z.string().max(64).default('CommandOrControl+Shift+L'),
  // Recording defaults: what a recording uses unless the Record page or a CLI flag says otherwise.
  'recording.fps': z.number().int().min(5).max(60).default(30),
  'recording.maxHeight': z.number().int().min(240).max(2160).default(1080),
  'recording.quality': recordQuality.default('standard'),
  'recording.bubbleCorner': bubbleCorner.default('bottom-right'),
  'recording.bubbleSize': z.number().min(0.1).max(0.5).default(0.25),
  /** The screen a recording shows when none is chosen ('' = the default screen). */
  'recording.display': z.string().max(64).default(''),
  /** Camera device id ('' = no camera bubble), and mic ('' = no mic; 'default' = the system's). */
  'recording.camera': z.string().max(256).default(''),
  'recording.mic': z.string().max(256).default('default'),
  'transcription.engine': z.enum(['whisper', 'pocketsphinx-reference']).default('whisper'),
  'transcription.model': z.string().max(64).default(''),
  'transcription.language': z.string().regex(/^(auto|[a-z]{2,3})$/, 'expected auto or a language code').default('auto'),
  'transcription.threads': z.number().int().min(1).max(64).default(2),
  'transcription.quality': z.enum(['accurate', 'fast']).default('accurate'),
  /** Transcribe while recording (windows cut at pauses, the model kept loaded), so the transcript is ready at stop. */
  'transcription.live': z.boolean().default(true),
  'transcription.modelBaseUrl': z.string().url().default('https://huggingface.co/ggerganov/whisper.cpp/resolve/main'),
  'profile.id': z.string().max(128).default(''),
  'workspace.kind': z.enum(['folder', 's3']).default('folder'),
  'workspace.folder': z.string().max(4096).default(''),
  'workspace.s3.endpoint': z.string().max(2048).default(''),
  'workspace.s3.bucket': z.string().max(255).default(''),
  'workspace.s3.prefix': z.string().max(1024).default(''),
  'workspace.s3.region': z.string().max(64).default(''),
  'workspace.s3.pathStyle': z.boolean().default(false),
  /** Where the bucket serves objects without a signature (R2 public URL, custom domain, or endpoint/bucket): lasting links. */
  'workspace.s3.publicUrl': z.string().max(2048).default(''),
  'workspace.autoPublish': z.boolean().default(false),
  /** Upload a recording while it is made when it will be published at stop (auto-publish, or "publish when I stop"). */
  'workspace.publishWhileRecording': z.boolean().default(true),
  'workspace.pollSeconds': z.number().int().min(5).max(3600).default(30),
  /** The most bytes of teammates' videos kept in <data>/cache/media (least recently played evicted first; pinned never). */
  'media.cacheCapBytes': z.number().int().min(0).max(2 ** 50).default(5 * 1024 ** 3),
  /** Notify when a teammate's update for me (or everyone) arrives by sync. */
  'notifications.arrivals': z.boolean().default(true),
  /** Notify when a reply asked of me falls due within `notifications.deadlineLeadHours`. */
  'notifications.deadlines': z.boolean().default(true),
  'notifications.deadlineLeadHours': z.number().min(0.25).max(72).default(4),
  /** Notify at the start of my workday with the digest (what arrived, what is due, decisions). */
  'notifications.digest': z.boolean().default(true),
  /** Where the share server listens, so `handoff share` in another process prints URLs on the right address. */
  'share.port': z.number().int().min(1).max(65535).default(47619),
  /** Off: the share server is bound to 127.0.0.1. On: all interfaces, and links use this machine's LAN address. */
  'share.lan': z.boolean().default(false),
  /**
   * The desktop app looks for a new release on GitHub at start and offers to restart into it. Off by default: a check
   * contacts GitHub, and nothing leaves the machine unless the user asks.
   */
  'updates.checkAtStart': z.boolean().default(false),
});
export type Settings = z.infer<typeof settingsShape>;
export type SettingKey = keyof Settings;
export const settingKeys = Object.keys(settingsShape.shape) as SettingKey[];

/**
 * What may be written from now on is stricter than what an older build may have stored (safe-inputs.ts says why):
 * a stored value that breaks a newer rule is still read as it is, because the store would otherwise replace it with
 * the default without a word, and an S3 endpoint falling back to '' would point the workspace at AWS instead.
 */
const writeRules: Partial<Record<SettingKey, z.ZodString>> = {
  'transcription.modelBaseUrl': httpsUrl({ loopbackHttp: false, allowEmpty: false }),
  'workspace.folder': absoluteFolder,
  'workspace.s3.endpoint': httpsUrl({ loopbackHttp: true, allowEmpty: true }),
  // Lasting links are opened by anyone, and an encrypted page only decrypts in a secure context: https (or loopback).
  'workspace.s3.publicUrl': httpsUrl({ loopbackHttp: true, allowEmpty: true }),
};

// A patch carries only the keys it changes: `.partial()` over fields with defaults fills every absent key with its
// default, so setting one key would silently reset all the others.
const settingPatch = z
  .object(
    Object.fromEntries(
      Object.entries(settingsShape.shape).map(([key, field]) => [key, (writeRules[key as SettingKey] ?? field.unwrap()).optional()]),
    ) as {
      [K in SettingKey]: z.ZodOptional<ReturnType<(typeof settingsShape.shape)[K]['unwrap']>>;
    },
  )
  .strict();

export const settingsCalls = {
  'settings:get': { input: z.object({}).strict(), output: settingsShape },
  'settings:set': { input: z.object({ values: settingPatch }).strict(), output: settingsShape },
} as const;

export const settingsEvents = {
  'settings:changed': z.object({ keys: z.array(z.string()), settings: settingsShape }),
} as const;
