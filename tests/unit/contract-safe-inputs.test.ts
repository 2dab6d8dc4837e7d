// Issue 20, finding 6: inputs that reach ffmpeg, the network or the disk are checked at the contract.
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../electron/core/api/dispatch';
import { createMemoryLogger } from '../../electron/core/logger';
import { channels } from '../../shared/contract';
import { isLoopbackHost } from '../../shared/contract/safe-inputs';

function dispatcher(seen: unknown[]) {
  const record = (input: unknown) => (seen.push(input), { id: 'rec' });
  const all = Object.fromEntries(channels.map((channel) => [channel, record])) as unknown as Handlers;
  return createDispatcher(all, createMemoryLogger());
}

describe('recorder:start', () => {
  it('takes a synthetic source file from the command line only', async () => {
    const seen: unknown[] = [];
    const dispatch = dispatcher(seen);
    for (const file of ['/home/me/talk.mp4', 'http://127.0.0.1:9/x.mp4', 'tcp://10.0.0.1:80']) {
      const fromPage = await dispatch('recorder:start', { synthetic: { file } });
      expect(fromPage).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('command line') } });
      expect(await dispatch('recorder:start', { synthetic: { file } }, 'page')).toMatchObject({ ok: false });
    }
    expect(seen).toHaveLength(0);
    expect(await dispatch('recorder:start', { synthetic: { file: '/home/me/talk.mp4' } }, 'cli')).toMatchObject({ ok: true });
    expect(await dispatch('recorder:start', { synthetic: 'sync' })).toMatchObject({ ok: true });
    expect(await dispatch('recorder:start', { synthetic: null })).toMatchObject({ ok: true });
  });

  it('takes a display as :N or a screen index, from anyone', async () => {
    const dispatch = dispatcher([]);
    for (const display of [':0', ':99', ':1.0', '0', '2', 'synthetic', null]) {
      expect(await dispatch('recorder:start', { display }), String(display)).toMatchObject({ ok: true });
    }
    for (const display of ['evil.example:0', '10.0.0.5:0', 'unix:0', ':0+0,0', '-i', 'x11grab', '0:none', '1;rm', ':0 -f', 'output_idx=0,format']) {
      expect(await dispatch('recorder:start', { display }, 'cli'), display).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });
});

describe('settings and workspace inputs that reach the network or the disk', () => {
  it('takes S3 endpoints over https, http only on loopback', async () => {
    const dispatch = dispatcher([]);
    const endpoint = (value: string, channel: 'settings:set' | 'workspace:useS3') =>
      channel === 'settings:set'
        ? dispatch(channel, { values: { 'workspace.s3.endpoint': value } })
        : dispatch(channel, { endpoint: value, bucket: 'team-bucket' });
    for (const channel of ['settings:set', 'workspace:useS3'] as const) {
      for (const good of ['', 'https://s3.eu-central-1.amazonaws.com', 'https://abc.r2.cloudflarestorage.com', 'http://127.0.0.1:9000', 'http://localhost:4569', 'http://[::1]:9000']) {
        expect(await endpoint(good, channel), `${channel} ${good}`).toMatchObject({ ok: true });
      }
      for (const bad of ['file:///etc/passwd', 'http://minio.internal:9000', 'http://169.254.169.254/', 'ftp://x', 'gopher://127.0.0.1', 'https://user:pw@s3.example', 'not a url', 'http://127.0.0.1.evil.example']) {
        expect(await endpoint(bad, channel), `${channel} ${bad}`).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      }
    }
  });

  it('takes the model base URL over https only', async () => {
    const dispatch = dispatcher([]);
    const set = (value: string) => dispatch('settings:set', { values: { 'transcription.modelBaseUrl': value } });
    expect(await set('https://huggingface.co/ggerganov/whisper.cpp/resolve/main')).toMatchObject({ ok: true });
    for (const bad of ['http://huggingface.co/x', 'http://127.0.0.1:8080/', 'file:///tmp/models', 'javascript:alert(1)', '']) {
      expect(await set(bad), bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('takes workspace folders as absolute paths, with creation only when asked', async () => {
    const seen: unknown[] = [];
    const dispatch = dispatcher(seen);
    expect(await dispatch('workspace:useFolder', { dir: 'relative/team' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatch('settings:set', { values: { 'workspace.folder': '../team' } })).toMatchObject({ ok: false });
    expect(await dispatch('workspace:useFolder', { dir: '/srv/team' })).toMatchObject({ ok: true });
    expect(seen.at(-1)).toEqual({ dir: '/srv/team', create: false });
  });

  it('knows loopback addresses', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['127.0.0.1.nip.io', '10.0.0.1', 'localhost.evil', '0.0.0.0']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
