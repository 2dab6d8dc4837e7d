// Downloads one file over HTTP(S) into `<target>.part`, resuming with a Range request when a partial file is there,
// then checks size and SHA-256 and renames it into place. A mismatch deletes the partial file, so the next attempt
// starts clean instead of resuming garbage.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { HandoffError } from '../../../shared/result';

export interface DownloadProgress {
  receivedBytes: number;
  totalBytes: number;
}

export interface DownloadRequest {
  url: string;
  target: string;
  sizeBytes: number;
  sha256: string;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  fetchImpl?: typeof fetch;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

async function sizeOf(file: string): Promise<number> {
  return (await stat(file).catch(() => null))?.size ?? 0;
}

export async function downloadVerified(request: DownloadRequest): Promise<{ resumedFrom: number }> {
  const part = request.target + '.part';
  const fetchImpl = request.fetchImpl ?? fetch;
  let have = await sizeOf(part);
  if (have > request.sizeBytes) {
    await rm(part, { force: true });
    have = 0;
  }
  const resumedFrom = have;
  if (have < request.sizeBytes) {
    const headers: Record<string, string> = have > 0 ? { Range: `bytes=${have}-` } : {};
    let response: Response;
    try {
      response = await fetchImpl(request.url, { headers, signal: request.signal, redirect: 'follow' });
    } catch (error) {
      if (request.signal?.aborted) throw new HandoffError('cancelled', 'The download was cancelled; run it again to resume.');
      throw new HandoffError('unavailable', `Could not reach ${request.url}: ${(error as Error).message}`);
    }
    if (response.status === 416 && have > 0) {
      // The server has nothing after what we hold: the partial file is complete; verification below decides.
      await response.body?.cancel();
    } else if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel();
      throw new HandoffError('unavailable', `Downloading ${request.url} failed: HTTP ${response.status}.`);
    } else {
      // A 200 to a Range request means the server ignored it: start over rather than append a second copy.
      const append = response.status === 206 && have > 0;
      if (!append) have = 0;
      if (!response.body) throw new HandoffError('unavailable', `Downloading ${request.url} returned no body.`);
      let received = have;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          request.onProgress?.({ receivedBytes: received, totalBytes: request.sizeBytes });
          callback(null, chunk);
        },
      });
      try {
        await pipeline(
          Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>),
          counter,
          createWriteStream(part, { flags: append ? 'a' : 'w' }),
          { signal: request.signal },
        );
      } catch (error) {
        if (request.signal?.aborted) throw new HandoffError('cancelled', 'The download was cancelled; run it again to resume.');
        throw new HandoffError('unavailable', `The download was interrupted (${(error as Error).message}); run it again to resume.`);
      }
    }
  }
  const size = await sizeOf(part);
  if (size !== request.sizeBytes) {
    if (size > request.sizeBytes) await rm(part, { force: true });
    throw new HandoffError('unavailable', `The download stopped at ${size} of ${request.sizeBytes} bytes; run it again to resume.`);
  }
  const digest = await sha256File(part);
  if (digest !== request.sha256) {
    await rm(part, { force: true });
    throw new HandoffError('conflict', `The downloaded file's SHA-256 is ${digest}, expected ${request.sha256}; it was deleted.`);
  }
  await rename(part, request.target);
  return { resumedFrom };
}
