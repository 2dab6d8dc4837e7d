import { describe, expect, it } from 'vitest';
import { settingsCalls } from '../../shared/contract/settings';

describe('settings:set input', () => {
  it('carries only the keys given, so setting one never resets the others to defaults', () => {
    const parsed = settingsCalls['settings:set'].input.parse({ values: { 'workspace.autoPublish': true } });
    expect(parsed.values).toEqual({ 'workspace.autoPublish': true });
  });
  it('still refuses unknown keys and wrong types', () => {
    expect(settingsCalls['settings:set'].input.safeParse({ values: { 'nope.key': 1 } }).success).toBe(false);
    expect(settingsCalls['settings:set'].input.safeParse({ values: { 'workspace.autoPublish': 'yes' } }).success).toBe(false);
  });
});
