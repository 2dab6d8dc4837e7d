// The parts layout's arithmetic and its bounds: which part objects (and which bytes in them) a Range covers, and which
// layouts a manifest may declare. Exact boundaries are where an off-by-one would hand a player the wrong bytes.
import { describe, expect, it } from 'vitest';
import { manifestFile, PARTS_LIMITS, videoParts } from '../../electron/core/workspace/files';
import { coveringParts, partKey, partSpans } from '../../electron/core/workspace/video-parts';

const KiB = 1024;
const layout = { headBytes: 1000, chunkBytes: 64 * KiB, count: 3 };
// head 1000 + 2 full chunks + a last one of 500 bytes.
const size = 1000 + 2 * 64 * KiB + 500;
const videoRef = manifestFile.shape.files.shape.video;
const ref = (parts: unknown, bytes = size, name = 'video.mp4') => ({ name, size: bytes, sha256: 'a'.repeat(64), parts });

describe('parts layout', () => {
  it('names parts in key order: head, then zero-padded numbers', () => {
    expect(partKey('clip123', 0)).toBe('updates/clip123/video.mp4.parts/head');
    expect(partKey('clip123', 7)).toBe('updates/clip123/video.mp4.parts/000007');
    expect(partKey('clip123', PARTS_LIMITS.maxCount)).toBe(`updates/clip123/video.mp4.parts/${PARTS_LIMITS.maxCount}`);
  });

  it('lays the parts end to end, the last one shorter', () => {
    const spans = partSpans('clip123', layout, size);
    expect(spans.map((s) => [s.start, s.length])).toEqual([[0, 1000], [1000, 65536], [66536, 65536], [132072, 500]]);
    expect(spans.reduce((sum, s) => sum + s.length, 0)).toBe(size);
  });

  it('maps a range onto exactly the parts that cover it, with the bytes inside each', () => {
    const pick = (start: number, end: number) => coveringParts('clip123', layout, size, start, end).map((p) => [p.index, p.from, p.to]);
    expect(pick(0, 99)).toEqual([[0, 0, 99]]);
    expect(pick(999, 1000)).toEqual([[0, 999, 999], [1, 0, 0]]);
    expect(pick(1000, 66535)).toEqual([[1, 0, 65535]]);
    expect(pick(66535, 132072)).toEqual([[1, 65535, 65535], [2, 0, 65535], [3, 0, 0]]);
    expect(pick(size - 10, size + 1000)).toEqual([[3, 490, 499]]);
    expect(pick(0, size - 1).map(([index]) => index)).toEqual([0, 1, 2, 3]);
  });

  it('accepts a layout whose sizes add up to the video, and nothing else', () => {
    expect(videoRef.safeParse(ref(layout)).success).toBe(true);
    expect(videoRef.safeParse(ref({ headBytes: size, chunkBytes: 64 * KiB, count: 0 })).success).toBe(true);
    expect(videoRef.safeParse(ref({ ...layout, count: 4 })).success).toBe(false);
    expect(videoRef.safeParse(ref({ ...layout, count: 2 })).success).toBe(false);
    expect(videoRef.safeParse(ref({ ...layout, headBytes: size + 1, count: 0 })).success).toBe(false);
    expect(videoRef.safeParse(ref(layout, size, 'other.mp4')).success).toBe(false);
    expect(videoParts.safeParse({ ...layout, chunkBytes: PARTS_LIMITS.minChunkBytes - 1 }).success).toBe(false);
    expect(videoParts.safeParse({ ...layout, chunkBytes: PARTS_LIMITS.maxChunkBytes + 1 }).success).toBe(false);
    expect(videoParts.safeParse({ ...layout, count: PARTS_LIMITS.maxCount + 1 }).success).toBe(false);
    expect(videoParts.safeParse({ ...layout, headBytes: 0 }).success).toBe(false);
    expect(videoParts.safeParse({ ...layout, count: 1.5 }).success).toBe(false);
    // A video without parts is one object, as every manifest before them.
    expect(videoRef.safeParse({ name: 'video.mp4', size, sha256: 'a'.repeat(64) }).success).toBe(true);
  });
});
