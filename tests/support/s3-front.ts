// A small HTTP front for s3rver, between the app and it, that does two things s3rver cannot:
// - limits the bandwidth, both ways, to a given rate shared by every connection (a user's uplink, for the live-publish
//   bench: "20 Mbit/s up");
// - answers AbortMultipartUpload and ListMultipartUploads, which s3rver 3.7 does not implement (405/501), on s3rver's
//   own store (its `._S3rver_uploads/<uploadId>/` folders, each with a `key` file): an abort deletes the upload's
//   parts there, a listing reads them. Everything else is passed to s3rver unchanged.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface S3Front {
  endpoint: string;
  /** Unfinished multipart uploads in the store: [uploadId, key]. */
  pendingUploads(): { uploadId: string; key: string }[];
  /** Bytes the app sent through the front (request bodies). */
  bytesUp(): number;
  close(): Promise<void>;
}

function throttle(shared: { nextFreeMs: number }, bytesPerSecond: number | null, count: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      count(chunk.length);
      if (!bytesPerSecond) return callback(null, chunk);
      const start = Math.max(performance.now(), shared.nextFreeMs);
      shared.nextFreeMs = start + (chunk.length / bytesPerSecond) * 1000;
      setTimeout(() => callback(null, chunk), Math.max(0, shared.nextFreeMs - performance.now()));
    },
  });
}

export async function startS3Front(options: { target: string; directory: string; bucket: string; bitsPerSecond?: number }): Promise<S3Front> {
  const uploadsDir = path.join(options.directory, options.bucket, '._S3rver_uploads');
  const target = new URL(options.target);
  const rate = options.bitsPerSecond ? options.bitsPerSecond / 8 : null;
  const up = { nextFreeMs: 0 };
  const down = { nextFreeMs: 0 };
  let sent = 0;

  const pendingUploads = () =>
    existsSync(uploadsDir)
      ? readdirSync(uploadsDir)
          .filter((id) => existsSync(path.join(uploadsDir, id, 'key')))
          .map((uploadId) => ({ uploadId, key: readFileSync(path.join(uploadsDir, uploadId, 'key'), 'utf8') }))
      : [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://front');
    const uploadId = url.searchParams.get('uploadId');
    if (req.method === 'DELETE' && uploadId) {
      const dir = path.join(uploadsDir, path.basename(uploadId));
      if (!existsSync(dir)) {
        res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchUpload</Code><Message>no such upload</Message></Error>');
        return;
      }
      rmSync(dir, { recursive: true, force: true });
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && url.searchParams.has('uploads')) {
      const prefix = url.searchParams.get('prefix') ?? '';
      const items = pendingUploads()
        .filter((upload) => upload.key.startsWith(prefix))
        .map((upload) => `<Upload><Key>${upload.key}</Key><UploadId>${upload.uploadId}</UploadId></Upload>`)
        .join('');
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(`<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult><Bucket>${options.bucket}</Bucket><Prefix>${prefix}</Prefix><IsTruncated>false</IsTruncated>${items}</ListMultipartUploadsResult>`);
      return;
    }
    const proxied = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        pipeline(answer, throttle(down, rate, () => undefined), res).catch(() => res.destroy());
      },
    );
    proxied.on('error', () => res.writeHead(502).end());
    pipeline(req, throttle(up, rate, (n) => (sent += n)), proxied).catch(() => proxied.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    pendingUploads,
    bytesUp: () => sent,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
