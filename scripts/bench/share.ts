// npm run bench:share — Range throughput and latency of the share server against a minimal static file server
// (node:http + fs.createReadStream of the same file), measured in the same run. The servers run in a child process
// and the load comes from this one, so client work does not share an event loop with either server.
// Env: SHARE_BENCH_SECONDS (per round, default 8), SHARE_BENCH_CLIENTS (default 50), SHARE_BENCH_CHUNK (bytes, 262144).
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const SECONDS = Number(process.env.SHARE_BENCH_SECONDS ?? 8);
const CLIENTS = Number(process.env.SHARE_BENCH_CLIENTS ?? 50);
const CHUNK = Number(process.env.SHARE_BENCH_CHUNK ?? 262_144);

/** The baseline: what a hand-written static server does for one Range request, and nothing else. */
function baselineServer(file: string): http.Server {
  return http.createServer((req, res) => {
    const size = statSync(file).size;
    const match = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (!match) {
      res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': size });
      createReadStream(file).pipe(res);
      return;
    }
    const start = Number(match[1]);
    const end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
    res.writeHead(206, { 'Content-Type': 'video/mp4', 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${size}` });
    createReadStream(file, { start, end }).pipe(res);
  });
}

async function serve() {
  const { startShareHarness } = await import('../../tests/support/share-harness');
  const { makeTestClip } = await import('../../tests/support/test-clip');
  const h = await startShareHarness();
  const clip = makeTestClip(h.core.db, h.core.paths.clipsDir);
  const { token } = await h.call('share:create', { clipId: clip.clip.id });
  const baseline = baselineServer(clip.video);
  await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', () => resolve()));
  process.stdout.write(
    JSON.stringify({
      share: `http://127.0.0.1:${h.server.port}/${token}/video.mp4`,
      baseline: `http://127.0.0.1:${(baseline.address() as AddressInfo).port}/video.mp4`,
      size: statSync(clip.video).size,
    }) + '\n',
  );
  process.stdin.resume();
  process.stdin.on('end', () => {
    baseline.close();
    void h.close().then(() => process.exit(0));
  });
}

interface Round {
  requests: number;
  bytes: number;
  seconds: number;
  latencies: number[];
  errors: number;
}

async function load(url: string, size: number): Promise<Round> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const target = new URL(url);
  const latencies: number[] = [];
  let bytes = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  async function client(seed: number) {
    let x = seed;
    while (performance.now() < deadline) {
      x = (x * 1103515245 + 12345) >>> 0;
      const start = x % Math.max(1, size - CHUNK);
      const end = Math.min(size - 1, start + CHUNK - 1);
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        const req = http.get({ host: target.hostname, port: target.port, path: target.pathname, agent, headers: { Range: `bytes=${start}-${end}` } }, (res) => {
          let got = 0;
          res.on('data', (chunk: Buffer) => (got += chunk.length));
          res.on('end', () => {
            if (res.statusCode !== 206 || got !== end - start + 1) errors += 1;
            bytes += got;
            latencies.push(performance.now() - t0);
            resolve();
          });
        });
        req.on('error', () => {
          errors += 1;
          resolve();
        });
      });
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i + 1)));
  agent.destroy();
  return { requests: latencies.length, bytes, seconds: (performance.now() - started) / 1000, latencies, errors };
}

function summarize(rounds: Round[]) {
  const requests = rounds.reduce((s, r) => s + r.requests, 0);
  const bytes = rounds.reduce((s, r) => s + r.bytes, 0);
  const seconds = rounds.reduce((s, r) => s + r.seconds, 0);
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    reqPerSec: requests / seconds,
    mibPerSec: bytes / 1024 / 1024 / seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors: rounds.reduce((s, r) => s + r.errors, 0),
  };
}

async function main() {
  const tsx = path.join(path.dirname(here), '..', '..', 'node_modules', '.bin', 'tsx');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-share-'));
  const child = spawn(tsx, [here, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, TMPDIR: tmp } });
  const info = await new Promise<{ share: string; baseline: string; size: number }>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n')[0];
      if (buffered.includes('\n')) resolve(JSON.parse(line) as { share: string; baseline: string; size: number });
    });
    child.once('exit', (code) => reject(new Error(`the server process exited with ${code}`)));
  });
  try {
    // Warm both up, then alternate rounds (B S S B) so drift on a shared machine hits both alike.
    await load(info.baseline, info.size);
    await load(info.share, info.size);
    const base: Round[] = [];
    const share: Round[] = [];
    base.push(await load(info.baseline, info.size));
    share.push(await load(info.share, info.size));
    share.push(await load(info.share, info.size));
    base.push(await load(info.baseline, info.size));
    const b = summarize(base);
    const s = summarize(share);
    const line = (name: string, r: ReturnType<typeof summarize>) =>
      `${name.padEnd(26)} ${r.reqPerSec.toFixed(0).padStart(7)} req/s ${r.mibPerSec.toFixed(1).padStart(8)} MiB/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   errors ${r.errors}`;
    console.log(`bench:share — ${CLIENTS} keep-alive clients, random ${CHUNK}-byte Range requests on a ${info.size}-byte MP4, 2 × ${SECONDS} s each`);
    console.log(line('baseline (http+createReadStream)', b));
    console.log(line('share server (send, token)', s));
    console.log(`ratio (share / baseline throughput): ${(s.mibPerSec / b.mibPerSec).toFixed(3)}  (target ≥ 0.9)`);
    console.log(`latency p50 ratio (share / baseline): ${(s.p50 / b.p50).toFixed(3)}`);
    // The encrypted page against the plain page, in Chromium (share-pages.ts).
    const { benchSharePages } = await import('./share-pages');
    await benchSharePages();
  } finally {
    child.stdin.end();
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv.includes('--serve')) void serve();
else void main();
