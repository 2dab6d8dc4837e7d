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
  'shortcuts.record': z.string().max(64).default('CommandOrControl+Shift+L'),
  'transcription.engine': z.enum(['whisper', 'pocketsphinx-reference']).default('whisper'),
  'transcription.model': z.string().max(64).default(''),
  'transcription.language': z.string().regex(/^(auto|[a-z]{2,3})$/, 'expected auto or a language code').default('auto'),
  'transcription.threads': z.number().int().min(1).max(64).default(2),
  'transcription.quality': z.enum(['accurate', 'fast']).default('accurate'),
  'transcription.modelBaseUrl': z.string().url().default('https://huggingface.co/ggerganov/whisper.cpp/resolve/main'),
});
export type Settings = z.infer<typeof settingsShape>;
export type SettingKey = keyof Settings;
export const settingKeys = Object.keys(settingsShape.shape) as SettingKey[];

// `.partial()` would still fill in defaults, turning a one-key change into a write of every key: unwrap them instead.
const settingPatch = z
  .object(
    Object.fromEntries(Object.entries(settingsShape.shape).map(([key, field]) => [key, field.unwrap().optional()])) as {
      [K in SettingKey]: z.ZodOptional<(typeof settingsShape.shape)[K]['_zod']['def']['innerType']>;
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
