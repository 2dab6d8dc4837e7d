// Downloads one file over HTTP(S) into `<target>.part`, resuming with a Range request when a partial file is there,
// then checks size and SHA-256 and renames it into place. A mismatch deletes the partial file, so the next attempt
// starts clean instead of resuming garbage.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
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

/**
 * Writes the body to the partial file, but never past the known size: a server that sends more (a wrong file, or an
 * endless stream) is cut off at the size instead of filling the disk before the hash check can refuse it.
 */
async function appendCapped(
  body: ReadableStream<Uint8Array>,
  part: string,
  append: boolean,
  have: number,
  request: DownloadRequest,
): Promise<{ overflow: boolean }> {
  const reader = body.getReader();
  const handle = await open(part, append ? 'a' : 'w');
  let received = have;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { overflow: false };
      const room = request.sizeBytes - received;
      const chunk = value.length > room ? value.subarray(0, room) : value;
      if (chunk.length) await handle.write(chunk);
      received += chunk.length;
      request.onProgress?.({ receivedBytes: received, totalBytes: request.sizeBytes });
      if (value.length > room) {
        await reader.cancel();
        return { overflow: true };
      }
    }
  } catch (error) {
    if (request.signal?.aborted) throw new HandoffError('cancelled', 'The download was cancelled; run it again to resume.');
    throw new HandoffError('unavailable', `The download was interrupted (${(error as Error).message}); run it again to resume.`);
  } finally {
    reader.releaseLock();
    await handle.close();
  }
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
      const written = await appendCapped(response.body, part, append, have, request);
      if (written.overflow) {
        // More bytes than the model's known size: not the file we asked for. Nothing past the size was written.
        await rm(part, { force: true });
        throw new HandoffError('conflict', `${request.url} sent more than the model's known size of ${request.sizeBytes} bytes; the download was stopped and deleted.`);
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
