import { describe, expect, it } from 'vitest';
import { buildApi, buildRawApi, type Transport } from '../../shared/bridge';
import { channels } from '../../shared/contract';
import { HandoffError } from '../../shared/result';

function recordingTransport(reply: (channel: string, input: unknown) => unknown): Transport & { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  return {
    calls,
    invoke: async (channel, input) => {
      calls.push([channel, input]);
      return reply(channel, input);
    },
    subscribe: () => () => undefined,
  };
}

describe('the API built from the contract', () => {
  it('has one named function per contract call and nothing generic', () => {
    const api = buildRawApi(recordingTransport(() => ({ ok: true, value: null }))) as unknown as Record<string, Record<string, unknown>>;
    for (const channel of channels) {
      const [domain, verb] = channel.split(':');
      expect(typeof api[domain][verb], channel).toBe('function');
    }
    expect(api).not.toHaveProperty('invoke');
  });

  it('sends the call on its own channel and unwraps values', async () => {
    const transport = recordingTransport(() => ({ ok: true, value: { clips: [], total: 0 } }));
    const api = buildApi(buildRawApi(transport));
    expect(await api.clips.list({ limit: 3 })).toEqual({ clips: [], total: 0 });
    expect(transport.calls).toEqual([['clips:list', { limit: 3 }]]);
  });

  it('throws HandoffError with the code from the other side', async () => {
    const api = buildApi(buildRawApi(recordingTransport(() => ({ ok: false, error: { code: 'invalid-input', message: 'limit: bad' } }))));
    await expect(api.clips.list({ limit: 3 })).rejects.toMatchObject({ name: 'HandoffError', code: 'invalid-input', message: 'limit: bad' });
    const garbage = buildApi(buildRawApi(recordingTransport(() => 'garbage')));
    await expect(garbage.app.info()).rejects.toBeInstanceOf(HandoffError);
  });
});
