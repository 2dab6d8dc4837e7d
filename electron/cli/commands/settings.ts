// `handoff settings [get KEY | set KEY VALUE] [--json]`: the settings the app's pages edit, from the command line,
// through the same contract calls (so the same rules refuse the same values). A value is read as the setting's type:
// on/off (true/false, yes/no) for a switch, a number for a number, the text itself otherwise.
import type { Command } from 'commander';
import { settingKeys, settingsShape, type SettingKey, type Settings } from '../../../shared/contract/settings';
import { HandoffError } from '../../../shared/result';
import type { CliContext } from '../context';

const defaults = settingsShape.parse({}) as Settings;

function knownKey(key: string): SettingKey {
  if ((settingKeys as string[]).includes(key)) return key as SettingKey;
  const near = settingKeys.filter((k) => k.includes(key) || key.includes(k.split('.').pop()!));
  throw new HandoffError('invalid-input', `There is no setting "${key}".${near.length ? ` Did you mean ${near.slice(0, 4).join(', ')}?` : ' `handoff settings` lists them.'}`);
}

/** VALUE as the setting's type. */
export function parseSettingValue(key: SettingKey, raw: string): Settings[SettingKey] {
  const kind = typeof defaults[key];
  if (kind === 'boolean') {
    if (/^(on|true|yes|1)$/i.test(raw)) return true;
    if (/^(off|false|no|0)$/i.test(raw)) return false;
    throw new HandoffError('invalid-input', `${key} is on or off, not "${raw}".`);
  }
  if (kind === 'number') {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) throw new HandoffError('invalid-input', `${key} is a number, not "${raw}".`);
    return value;
  }
  return raw;
}

const show = (value: unknown) => (typeof value === 'boolean' ? (value ? 'on' : 'off') : value === '' ? '(not set)' : String(value));

export function registerSettings(program: Command, context: () => CliContext) {
  const settings = program.command('settings').description('list the settings, or get/set one (e.g. `settings set transcription.live off`)');
  settings.action(async () => {
    const ctx = context();
    const all = await ctx.call('settings:get', {});
    ctx.print(all, () => settingKeys.map((key) => `${key.padEnd(36)} ${show(all[key])}`).join('\n'));
  });
  settings
    .command('get <key>')
    .description('print one setting')
    .action(async (key: string) => {
      const ctx = context();
      const name = knownKey(key);
      const all = await ctx.call('settings:get', {});
      ctx.print({ key: name, value: all[name] }, () => show(all[name]));
    });
  settings
    .command('set <key> <value>')
    .description('change one setting (switches take on/off)')
    .action(async (key: string, raw: string) => {
      const ctx = context();
      const name = knownKey(key);
      const all = await ctx.call('settings:set', { values: { [name]: parseSettingValue(name, raw) } });
      ctx.print({ key: name, value: all[name] }, () => `${name} = ${show(all[name])}`);
    });
}
