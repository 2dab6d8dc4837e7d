import { describe, expect, it } from 'vitest';
import { calls, isChannel } from '../../shared/contract';
import { electronSpecInputs } from '../e2e/electron-inputs';

describe('the Electron suite’s inputs', () => {
  it.each(electronSpecInputs)('%s input passes the contract schema', (channel, input) => {
    expect(isChannel(channel)).toBe(true);
    const parsed = calls[channel as keyof typeof calls].input.safeParse(input);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  });
  it('would have caught the old { synthetic: true }', () => {
    expect(calls['recorder:start'].input.safeParse({ synthetic: true }).success).toBe(false);
  });
});
