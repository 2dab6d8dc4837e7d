import { z } from 'zod';

/** Every user setting, with its type and default. Unknown keys are refused at the boundary. */
export const settingsShape = z.object({
  'profile.name': z.string().max(120).default(''),
  'profile.timezone': z.string().max(64).default(''),
  'profile.workingHours': z
    .string()
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'expected HH:MM-HH:MM')
    .default('09:00-17:00'),
  'ui.onboarded': z.boolean().default(false),
  /** Where the share server listens, so `handoff share` in another process prints URLs on the right address. */
  'share.port': z.number().int().min(1).max(65535).default(47619),
  /** Off: the share server is bound to 127.0.0.1. On: all interfaces, and links use this machine's LAN address. */
  'share.lan': z.boolean().default(false),
});
export type Settings = z.infer<typeof settingsShape>;
export type SettingKey = keyof Settings;
export const settingKeys = Object.keys(settingsShape.shape) as SettingKey[];

const settingPatch = settingsShape.partial().strict();

export const settingsCalls = {
  'settings:get': { input: z.object({}).strict(), output: settingsShape },
  'settings:set': { input: z.object({ values: settingPatch }).strict(), output: settingsShape },
} as const;

export const settingsEvents = {
  'settings:changed': z.object({ keys: z.array(z.string()), settings: settingsShape }),
} as const;
