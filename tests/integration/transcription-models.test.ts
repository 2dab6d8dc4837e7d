// The model manager against a real HTTP server on 127.0.0.1 serving a generated file with HTTP Range (send): a clean
// download, a resume after the connection drops mid-file, a checksum mismatch, import and choosing the default.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import send from 'send';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadVerified } from '../../electron/core/transcribe/model-download';
import { createModelManager } from '../../electron/core/transcribe/model-manager';

const root = mkdtempSync(path.join(os.tmpdir(), 'handoff-models-'));
const served = path.join(root, 'served');
const payload = Buffer.alloc(3 * 1024 * 1024 + 123);
for (let i = 0; i < payload.length; i++) payload[i] = (i * 7919) % 251;
const sha256 = createHash('sha256').update(payload).digest('hex');

let server: http.Server;
let base = '';
const requests: { url: string; range: string | undefined }[] = [];
let dropFirstAfter: number | null = null;

beforeAll(async () => {
  mkdirSync(served, { recursive: true });
  writeFileSync(path.join(served, 'ggml-test.bin'), payload);
  server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', range: req.headers.range });
    if (dropFirstAfter !== null && !req.headers.range) {
      // Simulates a dropped connection: headers promise the whole file, the socket dies part-way through.
      const cut = dropFirstAfter;
      dropFirstAfter = null;
      res.writeHead(200, { 'Content-Length': String(payload.length) });
      res.write(payload.subarray(0, cut), () => res.socket?.destroy());
      return;
    }
    if (req.url === '/oversized.bin') {
      // A wrong or hostile server: the known model plus 8 more copies, with no Content-Length to go by.
      res.writeHead(200);
      let copies = 9;
      const more = () => {
        while (copies > 0) {
          copies--;
          if (!res.write(payload)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
      return;
    }
    send(req, decodeURIComponent(req.url ?? '/'), { root: served }).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  requests.length = 0;
  dropFirstAfter = null;
});

function target(name: string) {
  const dir = mkdtempSync(path.join(root, 'dl-'));
  return path.join(dir, name);
}

describe('downloadVerified', () => {
  it('downloads, reports progress up to the full size and verifies the SHA-256', async () => {
    const file = target('a.bin');
    const seen: number[] = [];
    await downloadVerified({ url: `${base}/ggml-test.bin`, target: file, sizeBytes: payload.length, sha256, onProgress: (p) => seen.push(p.receivedBytes) });
    expect(readFileSync(file).equals(payload)).toBe(true);
    expect(seen.at(-1)).toBe(payload.length);
    expect(existsSync(file + '.part')).toBe(false);
  });

  it('resumes with a Range request after the connection drops', async () => {
    const file = target('b.bin');
    dropFirstAfter = 1024 * 1024;
    await expect(downloadVerified({ url: `${base}/ggml-test.bin`, target: file, sizeBytes: payload.length, sha256 })).rejects.toThrow(
      /interrupted|stopped at/,
    );
    const partial = statSync(file + '.part').size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(payload.length);
    const { resumedFrom } = await downloadVerified({ url: `${base}/ggml-test.bin`, target: file, sizeBytes: payload.length, sha256 });
    expect(resumedFrom).toBe(partial);
    expect(requests.at(-1)?.range).toBe(`bytes=${partial}-`);
    expect(readFileSync(file).equals(payload)).toBe(true);
  });

  it('deletes the file and refuses it when the checksum does not match', async () => {
    const file = target('c.bin');
    await expect(
      downloadVerified({ url: `${base}/ggml-test.bin`, target: file, sizeBytes: payload.length, sha256: '0'.repeat(64) }),
    ).rejects.toThrow(/SHA-256/);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(file + '.part')).toBe(false);
  });

  it('stops at the known size when the server sends more, and keeps nothing', async () => {
    const file = target('e.bin');
    const seen: number[] = [];
    await expect(
      downloadVerified({ url: `${base}/oversized.bin`, target: file, sizeBytes: payload.length, sha256, onProgress: (p) => seen.push(p.receivedBytes) }),
    ).rejects.toThrow(/more than the model's known size/);
    expect(Math.max(...seen)).toBe(payload.length);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(file + '.part')).toBe(false);
  });

  it('says so when the server has no such file', async () => {
    await expect(downloadVerified({ url: `${base}/missing.bin`, target: target('d.bin'), sizeBytes: 10, sha256 })).rejects.toThrow(/HTTP 404/);
  });
});

describe('model manager', () => {
  it('lists, imports, refuses non-models, and chooses the default', async () => {
    const modelsDir = mkdtempSync(path.join(root, 'models-'));
    let chosen = '';
    const manager = createModelManager({
      modelsDir,
      getSettings: () => ({ model: chosen, baseUrl: base }),
      setDefaultModel: (name) => (chosen = name),
    });
    expect((await manager.list()).filter((m) => m.installed)).toEqual([]);
    expect(await manager.resolveDefault()).toBeNull();
    await expect(manager.use('tiny.en')).rejects.toThrow(/models download tiny.en/);
    await expect(manager.download('nonsense')).rejects.toThrow(/Unknown model/);

    const notModel = path.join(root, 'notes.bin');
    writeFileSync(notModel, 'definitely not a ggml model, only words in a file');
    await expect(manager.importFile(notModel)).rejects.toThrow(/not a Whisper ggml model/);
    expect((await manager.list()).some((m) => m.installed)).toBe(false);

    const header = Buffer.alloc(64);
    header.writeUInt32LE(0x67676d6c, 0);
    [51864, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1].forEach((v, i) => header.writeInt32LE(v, 4 + i * 4));
    const source = path.join(root, 'ggml-mine.bin');
    writeFileSync(source, header);
    const imported = await manager.importFile(source);
    expect(imported.name).toBe('mine');
    expect((await manager.resolveDefault())?.name).toBe('mine');
    await manager.use('mine');
    expect(chosen).toBe('mine');
    expect((await manager.list()).find((m) => m.name === 'mine')).toMatchObject({ installed: true, isDefault: true, known: false });
  });

  it('downloads a known model by name from the configured base URL', async () => {
    const modelsDir = mkdtempSync(path.join(root, 'models-'));
    // The catalogue entry is real; the served bytes are not, so the checksum must refuse them.
    const manager = createModelManager({ modelsDir, getSettings: () => ({ model: '', baseUrl: base + '/' }), setDefaultModel: () => {} });
    writeFileSync(path.join(served, 'ggml-tiny.en.bin'), payload);
    await expect(manager.download('tiny.en')).rejects.toThrow(/stopped at|SHA-256/);
    expect(requests.at(-1)?.url).toBe('/ggml-tiny.en.bin');
    expect(existsSync(path.join(modelsDir, 'ggml-tiny.en.bin'))).toBe(false);
  });
});
