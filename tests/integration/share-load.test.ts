// 200 concurrent clients seeking through one clip with Range requests for SHARE_LOAD_SECONDS (default 20) on
// 127.0.0.1: every answer must be a correct 206, and the process's memory must stay bounded. Not a timing assertion:
// the duration only sets how long the load runs.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShareHarness, type ShareHarness } from '../support/share-harness';
import { request } from '../support/raw-http';
import { hasFfmpeg, makeTestClip } from '../support/test-clip';

const CLIENTS = 200;

/** One Range request whose body is checked chunk by chunk against the file, so the clients hold no bodies in memory. */
function rangeRequest(port: number, path: string, range: [number, number], expected: Buffer, agent: http.Agent): Promise<{ status: number; contentRange: string | undefined; ok: boolean; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent, headers: { Range: `bytes=${range[0]}-${range[1]}` } }, (res) => {
      let offset = range[0];
      let ok = true;
      res.on('data', (chunk: Buffer) => {
        if (ok && !chunk.equals(expected.subarray(offset, offset + chunk.length))) ok = false;
        offset += chunk.length;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentRange: res.headers['content-range'], ok: ok && offset === range[1] + 1, bytes: offset - range[0] }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
const SECONDS = Number(process.env.SHARE_LOAD_SECONDS ?? 20);
// The working set of 200 open streams plus the garbage of ~4 GiB read between collections is 130-150 MB here, almost
// all of it reached in the first half; a leak of 4 KB per request would add ~80 MB in the second half alone.
const MAX_RSS_GROWTH_MB = 256;
const MAX_SECOND_HALF_CLIMB_MB = 48;

describe.skipIf(!hasFfmpeg())('share server under load', () => {
  let h: ShareHarness;
  let token: string;
  let video: Buffer;

  beforeAll(async () => {
    h = await startShareHarness();
    const clip = makeTestClip(h.core.db, h.core.paths.clipsDir);
    video = readFileSync(clip.video);
    token = (await h.call('share:create', { clipId: clip.clip.id })).token;
  });
  afterAll(async () => {
    await h?.close();
  });

  it(`serves ${CLIENTS} clients seeking for ${SECONDS} s without an error, memory bounded`, { timeout: (SECONDS + 60) * 1000 }, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const size = video.length;
    // Warm up (JIT, page cache, SQLite statement cache) before the baseline reading.
    await Promise.all(Array.from({ length: 20 }, () => request(h.server.port, `/${token}/video.mp4`, { headers: { Range: 'bytes=0-65535' }, agent })));
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    // Peaks per half of the run: a leak keeps climbing with the request count, a working set levels off.
    const halfway = Date.now() + (SECONDS * 1000) / 2;
    let firstHalfPeak = rssBefore;
    const sampler = setInterval(() => {
      const rss = process.memoryUsage().rss;
      peakRss = Math.max(peakRss, rss);
      if (Date.now() < halfway) firstHalfPeak = Math.max(firstHalfPeak, rss);
    }, 250);
    const deadline = Date.now() + SECONDS * 1000;
    const errors: string[] = [];
    let requests = 0;
    let bytes = 0;

    async function client(seed: number) {
      let x = seed * 2654435761;
      while (Date.now() < deadline) {
        x = (x * 1103515245 + 12345) >>> 0;
        const start = x % size;
        const length = 1 + ((x >>> 7) % (256 * 1024));
        const end = Math.min(size - 1, start + length - 1);
        try {
          const res = await rangeRequest(h.server.port, `/${token}/video.mp4`, [start, end], video, agent);
          requests += 1;
          bytes += res.bytes;
          if (res.status !== 206 || res.contentRange !== `bytes ${start}-${end}/${size}` || !res.ok) {
            errors.push(`bad answer ${res.status} for ${start}-${end}`);
          }
        } catch (error) {
          errors.push(String(error));
        }
        if (errors.length > 20) return;
      }
    }

    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i + 1)));
    clearInterval(sampler);
    agent.destroy();
    const growthMb = (peakRss - rssBefore) / 1024 / 1024;
    const secondHalfClimbMb = (peakRss - firstHalfPeak) / 1024 / 1024;
    process.stderr.write(
      `share load: ${requests} requests, ${(bytes / 1024 / 1024).toFixed(0)} MiB in ${SECONDS} s, ${CLIENTS} clients, peak RSS growth ${growthMb.toFixed(1)} MB ` +
        `(${secondHalfClimbMb.toFixed(1)} MB of it in the second half)\n`,
    );
    expect(errors).toEqual([]);
    expect(requests).toBeGreaterThan(CLIENTS);
    expect(growthMb).toBeLessThan(MAX_RSS_GROWTH_MB);
    expect(secondHalfClimbMb).toBeLessThan(MAX_SECOND_HALF_CLIMB_MB);
  });
});
