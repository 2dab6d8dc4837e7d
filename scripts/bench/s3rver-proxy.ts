// A bench helper run as its own process (so its work never shows in the measured process's event loop): s3rver on
// 127.0.0.1 and, in front of it, a reverse proxy that counts every byte it answers with (status line, headers, body)
// and the GETs of video objects. Prints {"endpoint", "s3Dir"} on stdout; GET /__counts reads the counters, POST
// /__reset zeroes them.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';

const s3Dir = process.argv[2];
const bucket = process.argv[3];
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Dir, configureBuckets: [{ name: bucket }] });
const { port } = await server.run();
const counts = { requests: 0, bytes: 0, videoGets: 0 };
const proxy = createServer((req, res) => {
  if (req.url === '/__counts') return void res.end(JSON.stringify(counts));
  if (req.url === '/__reset') {
    Object.assign(counts, { requests: 0, bytes: 0, videoGets: 0 });
    return void res.end('{}');
  }
  counts.requests++;
  if (req.method === 'GET' && /\/video\.mp4(\?|$)/.test(req.url ?? '')) counts.videoGets++;
  const out = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (up) => {
    counts.bytes += `HTTP/1.1 ${up.statusCode} ${up.statusMessage}\r\n`.length;
    for (let i = 0; i < up.rawHeaders.length; i += 2) counts.bytes += up.rawHeaders[i].length + up.rawHeaders[i + 1].length + 4;
    res.writeHead(up.statusCode ?? 502, up.rawHeaders);
    up.on('data', (chunk: Buffer) => (counts.bytes += chunk.length));
    up.pipe(res);
  });
  out.on('error', (error) => res.destroy(error));
  req.pipe(out);
});
await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
process.stdout.write(JSON.stringify({ endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` }) + '\n');
// Nothing to keep: its folder is the bench's temp folder. Closing politely waits on keep-alive sockets, so it exits.
process.once('SIGTERM', () => process.exit(0));
