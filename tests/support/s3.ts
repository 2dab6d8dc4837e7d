// A real S3 API for tests: s3rver in this process on a free 127.0.0.1 port, a bucket, and an AWS SDK client for it.
// s3rver does not verify signatures (ENVIRONMENT.md): signing is the SDK's, exercised here only for its shape.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export interface TestS3 {
  endpoint: string;
  bucket: string;
  client: S3Client;
  /** s3rver's store on disk (tests that look at unfinished multipart uploads read it). */
  directory: string;
  close(): Promise<void>;
}

export async function startTestS3(bucket = 'handoff-test'): Promise<TestS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'handoff-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    // s3rver predates the SDK's default CRC32 trailers on streamed uploads; only send checksums when S3 requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    bucket,
    client,
    directory,
    close: async () => {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
