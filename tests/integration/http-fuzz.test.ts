// Fuzzing the two HTTP servers a browser can reach, as real processes on 127.0.0.1 (issue 20): browser mode (`handoff
// web`) and the share server (`handoff serve`). A fixed seed drives random methods, paths (bad percent-encoding, dot
// segments, long and binary-looking ones), cookies, headers and bodies, a bounded number of each. Every request must
// get an answer, every answer must be 2xx, 3xx or 4xx (never a 5xx, never a dropped connection), the process must stay
// up, and its memory after must be the memory before within a bound.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../shared/contract';
import { handoff, hasFfmpeg, makeTinyMp4 } from '../support/workspace-helpers';
import { repoRoot, tempDir } from '../support/temp-core';
import { startWebMode, type WebMode } from '../support/web-mode';

const SEED = 20_2026;
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1200);
const WARM_UP = 300;
const PARALLEL = 8;
/**
 * Both servers run with a small old-space cap, so V8 collects instead of growing its heap lazily (uncapped, the
 * resident set climbs by ~3 MB per 1000 requests with nothing leaked: capped at 40 MB, 12 000 requests left the share
 * server's flat). A leak then shows as growth past the bound, or as the process dying of a full heap.
 */
const HEAP_CAP = '--max-old-space-size=64';
/** Growth of the resident set allowed between after the warm-up and after the run. */
const MEMORY_BOUND_MB = 24;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(items: readonly T[]): T => items[int(items.length)];
  const chance = (p: number) => next() < p;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  return { next, int, pick, chance, bytes };
}
type Rng = ReturnType<typeof random>;

const PATH_JUNK = ['%', '%E0%A4%A', '%zz', '%00', '%2e%2e', '..', '%2F', '%5c', '~', '%C0%AE', '%FF%FE', ';', ',', '@', '$', '!', "'", '*'];
const HEADER_JUNK = ['', '%', '=', ';;;', 'a'.repeat(4000), '"\\"', '\t', 'null', 'undefined', '{}', '[]'];

function junkSegment(rng: Rng): string {
  if (rng.chance(0.3)) return rng.pick(PATH_JUNK);
  if (rng.chance(0.2)) return [...rng.bytes(rng.int(12) + 1)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  if (rng.chance(0.05)) return 'x'.repeat(rng.int(6000));
  return rng.bytes(rng.int(16) + 1).toString('base64url');
}

function junkQuery(rng: Rng): string {
  if (!rng.chance(0.4)) return '';
  const pairs = Array.from({ length: rng.int(4) + 1 }, () => `${rng.pick(['token', 'session-key', 't', 'v', 'q', junkSegment(rng)])}=${junkSegment(rng)}`);
  return `?${pairs.join('&')}`;
}

function junkBody(rng: Rng): string | Buffer | undefined {
  switch (rng.int(9)) {
    case 0:
      return undefined;
    case 1:
      return rng.bytes(rng.int(2048));
    case 2:
      return JSON.stringify({ limit: rng.pick([-1, 0, 1e300, 'many', null, [], {}]), query: junkSegment(rng), id: junkSegment(rng) });
    case 3:
      return '['.repeat(rng.int(5000)) + ']'.repeat(rng.int(5000));
    case 4:
      return `{"values":{"${junkSegment(rng)}":${rng.pick(['1', 'true', '"x"', 'null', '{}'])}}}`;
    case 5:
      return `view=${rng.int(1e6)}&seconds=${rng.pick(['1e308', '-1', 'NaN', '3', 'Infinity'])}&name=${junkSegment(rng)}&back=1`;
    case 6:
      return `password=${junkSegment(rng)}`;
    case 7:
      // Past both servers' limits (4 KB forms, 1 MB JSON): a 413 answer, not a dropped connection.
      return Buffer.alloc(rng.pick([5000, 1_100_000]), 0x61);
    default:
      return '{"query":"' + '(a OR '.repeat(rng.int(60)) + 'NEAR( '.repeat(rng.int(60)) + '\\u0000"}';
  }
}

interface Shot {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

interface Answer {
  status: number;
  error?: string;
}

function shoot(port: number, shot: Shot): Promise<Answer> {
  // Framed with Content-Length: Node's client sends a DELETE or OPTIONS body unframed otherwise, and the server would
  // rightly read those bytes as a second, broken request.
  const headers = shot.body === undefined ? shot.headers : { ...shot.headers, 'content-length': String(Buffer.byteLength(shot.body)) };
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: Answer) => {
      if (!settled) resolve(answer);
      settled = true;
    };
    const req = http.request({ host: '127.0.0.1', port, method: shot.method, path: shot.path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0 }));
      res.on('error', () => done({ status: res.statusCode ?? 0 }));
    });
    // A write can fail after the server answered and closed (a 413 while the body was still going): the answer counts.
    req.on('error', (error) => done({ status: 0, error: `${shot.method} ${shot.path.slice(0, 80)}: ${error.message}` }));
    req.setTimeout(15_000, () => req.destroy(new Error('no answer within 15 s')));
    req.end(shot.body);
  });
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

async function fire(port: number, shots: Shot[]): Promise<Answer[]> {
  const answers: Answer[] = new Array(shots.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < shots.length) {
        const i = next++;
        answers[i] = await shoot(port, shots[i]);
      }
    }),
  );
  return answers;
}

function expectAnswered(shots: Shot[], answers: Answer[]) {
  const bad = answers
    .map((answer, i) => ({ answer, shot: shots[i] }))
    .filter(({ answer }) => answer.error !== undefined || answer.status < 200 || answer.status >= 500)
    .map(({ answer, shot }) => `${answer.status} ${answer.error ?? ''} ${shot.method} ${shot.path.slice(0, 120)} (path ${shot.path.length} chars, headers ${JSON.stringify(shot.headers).length} chars) ${JSON.stringify(Object.fromEntries(Object.entries(shot.headers).map(([k, v]) => [k, v.length > 100 ? `${v.slice(0, 40)}…(${v.length})…${v.slice(-40)}` : v])))}`);
  expect(bad).toEqual([]);
}

const METHODS = ['GET', 'GET', 'GET', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];
// Calls that only read, for requests that carry the real token: the fuzz must not start a recording or a download.
const READ_ONLY = channels.filter((c) => /:(get|list|info|status|problems)$/.test(c) || c === 'search:query').filter((c) => c !== 'app:doctor');

function webShot(rng: Rng, web: WebMode): Shot {
  const host = rng.chance(0.9) ? `127.0.0.1:${web.port}` : rng.pick(['evil.example', `localhost:${web.port}`, '', `127.0.0.1:${web.port + 1}`]);
  const headers: Record<string, string> = {};
  if (host) headers.host = host;
  const authorized = rng.chance(0.5);
  if (authorized) headers.authorization = `Bearer ${web.token}`;
  else if (rng.chance(0.3)) headers.authorization = `Bearer ${junkSegment(rng)}`;
  if (rng.chance(0.6)) {
    const cookies = Array.from({ length: rng.int(4) + 1 }, () => `${rng.pick(['handoff_session', 'a', junkSegment(rng)])}=${rng.pick([...HEADER_JUNK, junkSegment(rng)])}`);
    headers.cookie = cookies.join('; ');
  }
  if (rng.chance(0.3)) headers['x-handoff-key'] = rng.pick(HEADER_JUNK);
  if (rng.chance(0.2)) headers.origin = rng.pick([`http://127.0.0.1:${web.port}`, 'null', 'http://evil.example', junkSegment(rng)]);
  if (rng.chance(0.2)) headers.range = rng.pick(['bytes=0-', 'bytes=-1', 'bytes=99999999999-', 'bytes=5-2', 'bytes=0-1,2-3,4-5', junkSegment(rng)]);
  if (rng.chance(0.7)) headers['content-type'] = rng.pick(['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', junkSegment(rng)]);
  const channel = authorized && rng.chance(0.6) ? rng.pick(READ_ONLY) : rng.pick([...channels, junkSegment(rng)]);
  const path = rng.pick([
    () => `/api/${channel}`,
    () => `/api/${junkSegment(rng)}`,
    () => `/media/${junkSegment(rng)}/${rng.pick(['video.mp4', 'thumb.jpg', 'captions.vtt', junkSegment(rng)])}`,
    () => `/${junkSegment(rng)}`,
    () => `/events`,
    () => '/',
    () => `/assets/${junkSegment(rng)}.js`,
    () => `/${Array.from({ length: rng.int(8) + 1 }, () => junkSegment(rng)).join('/')}`,
  ])();
  const method = path.startsWith('/api/') && rng.chance(0.7) ? 'POST' : rng.pick(METHODS);
  const body = method === 'GET' || method === 'HEAD' ? undefined : junkBody(rng);
  return { method, path: path + junkQuery(rng), headers, body };
}

function shareShot(rng: Rng, port: number, tokens: string[]): Shot {
  const headers: Record<string, string> = { host: rng.chance(0.9) ? `127.0.0.1:${port}` : rng.pick(['evil.example:80', junkSegment(rng)]) };
  if (rng.chance(0.5)) {
    headers.cookie = `${rng.pick(['handoff_view', 'handoff_unlock', junkSegment(rng)])}=${rng.pick([...HEADER_JUNK, `${rng.int(100)}.${junkSegment(rng)}`])}`;
  }
  if (rng.chance(0.3)) headers.range = rng.pick(['bytes=0-', 'bytes=-1', 'bytes=99999999999-', 'bytes=5-2', 'bytes=0-1,2-3', junkSegment(rng)]);
  if (rng.chance(0.2)) headers['if-none-match'] = rng.pick(['*', '"x"', junkSegment(rng)]);
  if (rng.chance(0.2)) headers.origin = rng.pick(['null', 'http://evil.example', `http://127.0.0.1:${port}`, junkSegment(rng)]);
  if (rng.chance(0.2)) headers['sec-fetch-site'] = rng.pick(['same-origin', 'cross-site', 'none', junkSegment(rng)]);
  headers['content-type'] = 'application/x-www-form-urlencoded';
  const token = rng.chance(0.7) ? rng.pick(tokens) : junkSegment(rng);
  const sub = rng.pick(['', '/video.mp4', '/captions.vtt', '/thumb.jpg', '/download', '/unlock', '/beacon', `/${junkSegment(rng)}`]);
  const path = rng.pick([() => `/${token}${sub}`, () => `/_/player.${rng.pick(['js', 'css', 'map'])}`, () => `/${junkSegment(rng)}`, () => '/']);
  const method = sub === '/unlock' || sub === '/beacon' ? rng.pick(['POST', 'POST', 'GET']) : rng.pick(METHODS);
  const body = method === 'GET' || method === 'HEAD' ? undefined : junkBody(rng);
  return { method, path: path() + junkQuery(rng), headers, body };
}

async function run(port: number, pid: number, make: (rng: Rng) => Shot) {
  const rng = random(SEED);
  const warmUp = Array.from({ length: WARM_UP }, () => make(rng));
  expectAnswered(warmUp, await fire(port, warmUp));
  const before = rssMb(pid);
  const samples: number[] = [];
  for (let done = 0; done < REQUESTS; done += 1200) {
    const shots = Array.from({ length: Math.min(1200, REQUESTS - done) }, () => make(rng));
    expectAnswered(shots, await fire(port, shots));
    samples.push(Math.round(rssMb(pid)));
  }
  // FUZZ_REQUESTS=12000 makes a longer stress run; it prints the resident set along the way.
  if (process.env.FUZZ_REQUESTS) console.log(`RSS every 1200 requests: ${samples.join(' ')} MB`);
  const after = rssMb(pid);
  return { before, after };
}

describe.skipIf(process.platform !== 'linux')('HTTP fuzz: browser mode', () => {
  let web: WebMode;
  beforeAll(async () => {
    web = await startWebMode({ env: { NODE_OPTIONS: HEAP_CAP } });
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  it(`answers ${WARM_UP + REQUESTS} random requests with 2xx-4xx, stays up, and keeps its memory`, async () => {
    const { before, after } = await run(web.port, web.pid, (rng) => webShot(rng, web));
    expect(web.alive()).toBe(true);
    const settings = await shoot(web.port, { method: 'POST', path: '/api/settings:get', headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(settings.status).toBe(200);
    console.log(`browser mode RSS: ${before.toFixed(1)} MB after warm-up, ${after.toFixed(1)} MB after ${REQUESTS} more requests`);
    expect(after - before).toBeLessThan(MEMORY_BOUND_MB);
  }, 120_000);
});

describe.skipIf(process.platform !== 'linux' || !hasFfmpeg())('HTTP fuzz: share server', () => {
  const folder = tempDir('handoff-fuzz-share-');
  let child: ChildProcess;
  let port = 0;
  const tokens: string[] = [];

  beforeAll(async () => {
    const dataDir = path.join(folder.dir, 'data');
    const video = makeTinyMp4(path.join(folder.dir, 'clip.mp4'));
    const imported = await handoff(dataDir, ['--json', 'import', video, '--title', 'Fuzz target', '--author', 'Fuzz', '--timezone', 'Europe/Berlin']);
    expect(imported.code, imported.stderr).toBe(0);
    const clipId = imported.json<{ clip: { id: string } }>().clip.id;
    for (const args of [[], ['--password', 'pw'], ['--no-download'], ['--expires', '30m']]) {
      const shared = await handoff(dataDir, ['--json', 'share', clipId, ...args]);
      expect(shared.code, shared.stderr).toBe(0);
      tokens.push(shared.json<{ token: string }>().token);
    }
    child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'handoff.mjs'), '--data-dir', dataDir, '--json', 'serve', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: HEAP_CAP },
    });
    port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        try {
          resolve((JSON.parse(out) as { port: number }).port);
        } catch {
          // not the whole JSON yet
        }
      });
      child.once('exit', (code) => reject(new Error(`handoff serve exited with ${code}`)));
    });
  }, 60_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    folder.remove();
  });

  it(`answers ${WARM_UP + REQUESTS} random requests with 2xx-4xx, stays up, and keeps its memory`, async () => {
    const { before, after } = await run(port, child.pid!, (rng) => shareShot(rng, port, tokens));
    expect(child.exitCode).toBeNull();
    expect((await shoot(port, { method: 'GET', path: `/${tokens[0]}`, headers: {} })).status).toBe(200);
    console.log(`share server RSS: ${before.toFixed(1)} MB after warm-up, ${after.toFixed(1)} MB after ${REQUESTS} more requests`);
    expect(after - before).toBeLessThan(MEMORY_BOUND_MB);
  }, 120_000);
});
