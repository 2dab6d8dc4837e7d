import { describe, expect, it } from 'vitest';
import { cleanForTerminal, forTerminal, oneLine } from '../../electron/cli/terminal-text';

describe('text the CLI prints for a person', () => {
  it('drops escape sequences, bells, carriage returns, C1 controls and bidi overrides', () => {
    expect(forTerminal('a\u001b[2Jb\u001b]0;pwned\u0007c\rd\u009b31me\u202ef\u0000')).toBe('a[2Jb]0;pwnedcd31mef');
    expect(forTerminal('line one\n\tline two')).toBe('line one\n\tline two');
  });

  it('keeps a value on its own line', () => {
    expect(oneLine('Title\nhandoff: fake line\u2028more')).toBe('Title handoff: fake line more');
  });

  it('cleans every string of a result and nothing else', () => {
    const cleaned = cleanForTerminal({ clips: [{ title: 'x\u001b[2J\ny', durationMs: 4, ready: true, when: null }], total: 1 });
    expect(cleaned).toEqual({ clips: [{ title: 'x[2J y', durationMs: 4, ready: true, when: null }], total: 1 });
  });
});
