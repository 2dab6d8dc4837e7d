import { settingsShape, type SettingKey, type Settings } from '../../../shared/contract/settings';
import type { Db } from './database';

/** Settings live in the library as JSON values; defaults come from the contract, so an absent key is never undefined. */
export function createSettingsStore(db: Db) {
  const readAll = db.prepare('SELECT key, value FROM settings');
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );

  function get(): Settings {
    const stored: Record<string, unknown> = {};
    for (const row of readAll.all() as { key: string; value: string }[]) {
      if (Object.hasOwn(settingsShape.shape, row.key)) stored[row.key] = JSON.parse(row.value);
    }
    // A value written by an older or newer build that no longer fits falls back to its default rather than failing.
    const parsed = settingsShape.safeParse(stored);
    if (parsed.success) return parsed.data;
    const cleaned: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(stored)) {
      const field = settingsShape.shape[key as SettingKey];
      if (field.safeParse(value).success) cleaned[key] = value;
    }
    return settingsShape.parse(cleaned);
  }

  const set = db.transaction((values: Partial<Settings>): Settings => {
    for (const [key, value] of Object.entries(values)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value));
    }
    return get();
  });

  return { get, set };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
