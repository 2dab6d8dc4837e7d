// A video stored as parts objects (published while it was recorded, on S3): `updates/<id>/video.mp4.parts/head` holds
// bytes [0, headBytes) of the file (ftyp, moov, the mdat header: known only at stop), and `.../000001` … each hold
// `chunkBytes` of the sample data after it (the last one shorter), uploaded while recording. No part depends on the
// head's size, so nothing uploaded while recording is ever sent again; their concatenation is the sender's file byte
// for byte (the manifest's size and SHA-256). Readers map a byte range onto the parts that cover it. The keys come from
// the clip id, never from the manifest, so a manifest cannot point a reader anywhere else.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HandoffError } from '../../../shared/result';
import type { RangeRead, WorkspaceBackend } from './backend';
import { keys, PARTS_LIMITS, type VideoParts } from './files';

/** The folder (key prefix) holding a video's parts; `key` is the video's own key (updates/<id>/video.mp4). */
export const partsPrefixOf = (videoKey: string) => `${videoKey}.parts/`;
export const partsPrefix = (clipId: string) => partsPrefixOf(keys.updateFile(clipId, 'video.mp4'));
const PAD = String(PARTS_LIMITS.maxCount).length;
/** Part 0 is the head; part k ≥ 1 is the k-th chunk of data (zero-padded, so key order is part order). */
export const partName = (index: number) => (index === 0 ? 'head' : String(index).padStart(PAD, '0'));
export const partKey = (clipId: string, index: number) => partsPrefix(clipId) + partName(index);

export interface PartSpan {
  index: number;
  key: string;
  /** Where the part starts in the whole file, and its length. */
  start: number;
  length: number;
}

/** Part `index` (0: the head) with where it sits in the file. */
function partSpan(clipId: string, layout: VideoParts, size: number, index: number): PartSpan {
  const key = partKey(clipId, index);
  if (index === 0) return { index, key, start: 0, length: layout.headBytes };
  const start = layout.headBytes + (index - 1) * layout.chunkBytes;
  return { index, key, start, length: Math.min(layout.chunkBytes, size - start) };
}

/** Every part in order with where it sits in the file (the layout is checked by the manifest's schema). */
export function partSpans(clipId: string, layout: VideoParts, size: number): PartSpan[] {
  return Array.from({ length: layout.count + 1 }, (_, index) => partSpan(clipId, layout, size, index));
}

/**
 * The parts covering bytes start..end (inclusive), each with the range to read inside it. Only those parts are made:
 * this runs on every Range request the player sends, and a long recording has hundreds of parts (one per MiB).
 */
export function coveringParts(clipId: string, layout: VideoParts, size: number, start: number, end: number): (PartSpan & { from: number; to: number })[] {
  const last = Math.min(end, size - 1);
  const first = start < layout.headBytes ? 0 : 1 + Math.floor((start - layout.headBytes) / layout.chunkBytes);
  const out: (PartSpan & { from: number; to: number })[] = [];
  for (let index = first; index <= layout.count; index++) {
    const span = partSpan(clipId, layout, size, index);
    if (span.start > last) break;
    if (span.length === 0) continue;
    out.push({ ...span, from: Math.max(start, span.start) - span.start, to: Math.min(last, span.start + span.length - 1) - span.start });
  }
  return out;
}

/**
 * The bytes of `spans` in order, each read with a ranged GET when its turn comes (the first one already open), each
 * checked for its length, so a part shorter or longer than the layout says fails the read.
 */
async function* partBytes(
  backend: WorkspaceBackend,
  spans: (PartSpan & { from: number; to: number })[],
  first: RangeRead | null,
): AsyncGenerator<Buffer> {
  for (const [i, span] of spans.entries()) {
    const read = i === 0 && first ? first : await backend.read(span.key, { start: span.from, end: span.to });
    if (!read) throw new HandoffError('not-found', `${span.key} is not in the workspace.`);
    const want = span.to - span.from + 1;
    let seen = 0;
    for await (const chunk of read.body as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > want) {
        read.body.destroy();
        throw new HandoffError('conflict', `${span.key} is longer than its manifest says`);
      }
      yield chunk;
    }
    if (seen !== want) throw new HandoffError('conflict', `${span.key} has ${seen} bytes where its manifest says ${want}`);
  }
}

/**
 * Bytes start..end of a parts video as one stream (the parts read one after another), or null when the first of them
 * is not in the workspace. A later part found missing ends the stream with an error.
 */
export async function readParts(
  backend: WorkspaceBackend,
  clipId: string,
  layout: VideoParts,
  size: number,
  range: { start: number; end: number },
): Promise<RangeRead | null> {
  const spans = coveringParts(clipId, layout, size, range.start, range.end);
  if (spans.length === 0) return null;
  const first = await backend.read(spans[0].key, { start: spans[0].from, end: spans[0].to });
  if (!first) return null;
  const last = spans.at(-1)!;
  return { body: Readable.from(partBytes(backend, spans, first), { objectMode: false }), size, start: spans[0].start + spans[0].from, end: last.start + last.to };
}

/**
 * The whole video into `dest` (a temp name first, renamed when complete), the parts in order, each checked for its
 * length; a missing part is a not-found, as a missing single object is. The caller checks the SHA-256.
 */
export async function downloadParts(
  backend: WorkspaceBackend,
  clipId: string,
  layout: VideoParts,
  size: number,
  dest: string,
  onProgress?: (bytes: number) => void,
): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.${randomBytes(4).toString('hex')}.part`;
  const spans = partSpans(clipId, layout, size)
    .filter((span) => span.length > 0)
    .map((span) => ({ ...span, from: 0, to: span.length - 1 }));
  let received = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of partBytes(backend, spans, null)) {
      received += chunk.length;
      onProgress?.(received);
      yield chunk;
    }
  }
  try {
    await pipeline(counted(), createWriteStream(tmp));
    await rename(tmp, dest);
  } catch (error) {
    // The download's own error is the one to report; a temp file that is already gone changes nothing.
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/**
 * How much of a parts video is in the workspace: every part present with the size the layout gives ('complete'), some
 * still missing ('arriving', with the bytes there), or a part of another size ('mismatch').
 */
export async function partsPresence(
  backend: WorkspaceBackend,
  clipId: string,
  layout: VideoParts,
  size: number,
): Promise<{ state: 'complete' | 'arriving'; bytes: number } | { state: 'mismatch'; message: string }> {
  const expected = new Map(partSpans(clipId, layout, size).map((span) => [span.key, span.length]));
  let bytes = 0;
  let found = 0;
  for await (const item of backend.list(partsPrefix(clipId))) {
    const want = expected.get(item.key);
    if (want === undefined) continue;
    if (item.size !== want) return { state: 'mismatch', message: `${item.key} is ${item.size} bytes, the manifest's layout says ${want}` };
    bytes += item.size;
    found += 1;
  }
  return { state: found === expected.size ? 'complete' : 'arriving', bytes };
}
