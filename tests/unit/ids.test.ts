import { describe, expect, it } from 'vitest';
import { newClipId } from '../../electron/core/library/clips-store';
import { newShareToken } from '../../electron/core/share/secrets';
import { newId } from '../../electron/core/system/ids';

describe('ids typed as command-line arguments', () => {
  it('never start with a dash (commander would read `handoff show -Abc` as an option)', () => {
    // 1 in 64 random base64url strings starts with '-': 5000 draws would hit it about 78 times.
    for (let i = 0; i < 5000; i++) {
      expect(newClipId().startsWith('-')).toBe(false);
      expect(newId(9).startsWith('-')).toBe(false);
    }
  });
  it('keep their length and alphabet', () => {
    expect(newClipId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{15}$/);
    expect(newShareToken()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{31}$/);
  });
});
