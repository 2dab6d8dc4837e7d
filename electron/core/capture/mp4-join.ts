// Joins one part's fragmented-MP4 segments (init.mp4 + seg-*.m4s, as ffmpeg's HLS muxer writes them) into a regular
// moov-first MP4 without ffmpeg. ffmpeg's stream copy does per-packet work at stop (0.4 s for 600 s here), so stop →
// ready grew with the recording; this join copies each segment's sample bytes as it is appended, keeps the sample
// tables in memory, and at the end writes moov into space reserved at the start of the file. Anything it does not
// recognise throws, and finalize falls back to ffmpeg's join.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { HandoffError } from '../../../shared/result';

interface Box {
  type: string;
  start: number;
  /** Offset of the payload (after size, type and any 64-bit size). */
  body: number;
  end: number;
}

function boxes(buf: Buffer, start = 0, end = buf.length): Box[] {
  const list: Box[] = [];
  let at = start;
  while (at + 8 <= end) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let body = at + 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < body - at || at + size > end) throw joinError(`a ${type} box runs past its parent`);
    list.push({ type, start: at, body, end: at + size });
    at += size;
  }
  return list;
}

/** Reads big-endian fields one after another. */
class Cursor {
  constructor(
    private readonly buf: Buffer,
    private at: number,
  ) {}
  u32(): number {
    return this.buf.readUInt32BE((this.at += 4) - 4);
  }
  i32(): number {
    return this.buf.readInt32BE((this.at += 4) - 4);
  }
  u64(): number {
    return Number(this.buf.readBigUInt64BE((this.at += 8) - 8));
  }
  skip(bytes: number): void {
    this.at += bytes;
  }
}

const joinError = (why: string) => new HandoffError('internal', `The segments cannot be joined directly: ${why}.`);

function child(buf: Buffer, parent: Box, type: string): Box {
  const found = boxes(buf, parent.body, parent.end).find((b) => b.type === type);
  if (!found) throw joinError(`no ${type} in ${parent.type}`);
  return found;
}

const optionalChild = (buf: Buffer, parent: Box, type: string) => boxes(buf, parent.body, parent.end).find((b) => b.type === type);

function box(type: string, ...parts: Buffer[]): Buffer {
  const size = 8 + parts.reduce((sum, p) => sum + p.length, 0);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(size);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, ...parts]);
}

function fullBox(type: string, version: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff));
  return box(type, head, payload);
}

/** Writes `value` (a duration) into a version-0 (32-bit) or version-1 (64-bit) field. */
function patchDuration(copy: Buffer, versionAt: number, v0Offset: number, v1Offset: number, value: number): void {
  if (copy[versionAt] === 1) copy.writeBigUInt64BE(BigInt(value), v1Offset);
  else copy.writeUInt32BE(Math.min(value, 0xffffffff), v0Offset);
}

interface Track {
  id: number;
  timescale: number;
  isVideo: boolean;
  trak: Box;
  defaults: { duration: number; size: number; flags: number };
  durations: number[];
  sizes: number[];
  compositionOffsets: number[];
  syncSamples: number[];
  /** Output offset and sample count of each chunk (one per trun). */
  chunks: { offset: number; samples: number }[];
}

interface Init {
  buf: Buffer;
  movieTimescale: number;
  mvhd: Box;
  udta: Box | undefined;
  tracks: Map<number, Track>;
}

function parseInit(buf: Buffer): Init {
  const moov = boxes(buf).find((b) => b.type === 'moov');
  if (!moov) throw joinError('init.mp4 has no moov');
  const mvhd = child(buf, moov, 'mvhd');
  const movieTimescale = buf.readUInt32BE(mvhd.body + (buf[mvhd.body] === 1 ? 20 : 12));
  const tracks = new Map<number, Track>();
  for (const trak of boxes(buf, moov.body, moov.end).filter((b) => b.type === 'trak')) {
    const tkhd = child(buf, trak, 'tkhd');
    const id = buf.readUInt32BE(tkhd.body + (buf[tkhd.body] === 1 ? 20 : 12));
    const mdia = child(buf, trak, 'mdia');
    const mdhd = child(buf, mdia, 'mdhd');
    const timescale = buf.readUInt32BE(mdhd.body + (buf[mdhd.body] === 1 ? 20 : 12));
    const handler = buf.toString('latin1', child(buf, mdia, 'hdlr').body + 8, child(buf, mdia, 'hdlr').body + 12);
    tracks.set(id, {
      id, timescale, isVideo: handler === 'vide', trak,
      defaults: { duration: 0, size: 0, flags: 0 },
      durations: [], sizes: [], compositionOffsets: [], syncSamples: [], chunks: [],
    });
  }
  const mvex = optionalChild(buf, moov, 'mvex');
  for (const trex of mvex ? boxes(buf, mvex.body, mvex.end).filter((b) => b.type === 'trex') : []) {
    const track = tracks.get(buf.readUInt32BE(trex.body + 4));
    if (track) {
      track.defaults = { duration: buf.readUInt32BE(trex.body + 12), size: buf.readUInt32BE(trex.body + 16), flags: buf.readUInt32BE(trex.body + 20) };
    }
  }
  if (tracks.size === 0) throw joinError('init.mp4 has no tracks');
  return { buf, movieTimescale, mvhd, udta: optionalChild(buf, moov, 'udta'), tracks };
}

const NON_SYNC = 0x10000;
const FTYP = box('ftyp', Buffer.from('isom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2avc1mp41'));

/**
 * Head space for `seconds` of recording: moov measured 4.3 bytes per packet at 30 fps + AAC (46k packets in 200 KB);
 * 16 leaves room for per-sample composition offsets (B-frames) and sync tables.
 */
export function joinReserve(seconds: number, fps: number): number {
  return 16_384 + Math.ceil(seconds * (fps + 48) * 16);
}

export interface Mp4Joiner {
  /** Copies one segment's samples to the output and records them. Segments must come in order. */
  append(segmentPath: string): Promise<void>;
  /** Bytes ftyp, moov and the mdat header need for what has been appended so far. */
  headBytes(): number;
  /** Bytes of sample data appended so far. */
  dataBytes(): number;
  /** Flushes what has been appended to the disk. */
  sync(): Promise<void>;
  /** Writes moov into the reserved space and closes the file. Throws if moov does not fit. */
  finish(): Promise<{ moovBytes: number; dataBytes: number }>;
  /** Closes the file without finishing (the caller removes it). */
  abandon(): Promise<void>;
}

/**
 * Starts a joined file at `outPath` whose sample data begins `reserveBytes` in; ftyp, moov and the mdat header are
 * written in front of it by finish().
 */
export async function createMp4Joiner(initPath: string, outPath: string, reserveBytes: number): Promise<Mp4Joiner> {
  const init = parseInit(await readFile(initPath));
  const file: FileHandle = await open(outPath, 'w');
  let writeAt = reserveBytes;
  let sampleCount = 0;

  async function append(segmentPath: string): Promise<void> {
    const buf = await readFile(segmentPath);
    for (const moof of boxes(buf).filter((b) => b.type === 'moof')) {
      for (const traf of boxes(buf, moof.body, moof.end).filter((b) => b.type === 'traf')) {
        const tfhd = child(buf, traf, 'tfhd');
        const tfFlags = buf.readUInt32BE(tfhd.body) & 0xffffff;
        const track = init.tracks.get(buf.readUInt32BE(tfhd.body + 4));
        if (!track) throw joinError('a fragment names a track init.mp4 does not have');
        const tf = new Cursor(buf, tfhd.body + 8);
        let base = moof.start;
        if (tfFlags & 0x1) base = tf.u64();
        else if (!(tfFlags & 0x20000)) throw joinError('a fragment without default-base-is-moof');
        if (tfFlags & 0x2) tf.skip(4);
        const defaults = { ...track.defaults };
        if (tfFlags & 0x8) defaults.duration = tf.u32();
        if (tfFlags & 0x10) defaults.size = tf.u32();
        if (tfFlags & 0x20) defaults.flags = tf.u32();
        for (const trun of boxes(buf, traf.body, traf.end).filter((b) => b.type === 'trun')) {
          const version = buf[trun.body];
          const flags = buf.readUInt32BE(trun.body) & 0xffffff;
          const run = new Cursor(buf, trun.body + 4);
          const count = run.u32();
          if (!(flags & 0x1)) throw joinError('a track run without a data offset');
          const dataStart = base + run.i32();
          const firstFlags = flags & 0x4 ? run.u32() : null;
          let bytes = 0;
          for (let i = 0; i < count; i++) {
            const duration = flags & 0x100 ? run.u32() : defaults.duration;
            const size = flags & 0x200 ? run.u32() : defaults.size;
            const sampleFlags = flags & 0x400 ? run.u32() : i === 0 && firstFlags !== null ? firstFlags : defaults.flags;
            const cto = flags & 0x800 ? (version === 0 ? run.u32() : run.i32()) : 0;
            track.durations.push(duration);
            track.sizes.push(size);
            track.compositionOffsets.push(cto);
            if (!(sampleFlags & NON_SYNC)) track.syncSamples.push(track.sizes.length);
            bytes += size;
          }
          if (count === 0) continue;
          if (dataStart < 0 || dataStart + bytes > buf.length) throw joinError('a track run points outside its segment');
          await file.write(buf, dataStart, bytes, writeAt);
          track.chunks.push({ offset: writeAt, samples: count });
          writeAt += bytes;
          sampleCount += count;
        }
      }
    }
  }

  // moov for the samples appended so far, built once per count (headBytes and finish both need it at stop).
  let builtMoov: { samples: number; moov: Buffer } | null = null;
  function moovNow(): Buffer {
    if (builtMoov?.samples !== sampleCount) builtMoov = { samples: sampleCount, moov: buildMoov(init) };
    return builtMoov.moov;
  }

  async function finish(): Promise<{ moovBytes: number; dataBytes: number }> {
    if (sampleCount === 0) throw joinError('no samples');
    const dataBytes = writeAt - reserveBytes;
    const mdatHeader = Buffer.alloc(16);
    mdatHeader.writeUInt32BE(1);
    mdatHeader.write('mdat', 4, 'latin1');
    mdatHeader.writeBigUInt64BE(BigInt(dataBytes + 16), 8);
    const moov = moovNow();
    const free = reserveBytes - FTYP.length - moov.length - mdatHeader.length;
    if (free !== 0 && free < 8) throw joinError(`the moov (${moov.length} bytes) does not fit the reserved ${reserveBytes} bytes`);
    const head = Buffer.concat([FTYP, moov, free > 0 ? box('free', Buffer.alloc(free - 8)) : Buffer.alloc(0), mdatHeader]);
    await file.write(head, 0, head.length, 0);
    await file.sync();
    await file.close();
    return { moovBytes: moov.length, dataBytes };
  }

  return {
    append,
    finish,
    headBytes: () => FTYP.length + moovNow().length + 16,
    dataBytes: () => writeAt - reserveBytes,
    sync: () => file.datasync(),
    abandon: () => file.close(),
  };
}

/** Run-length pairs (count, value) of a list, as stts and ctts store them. */
function runs(values: number[]): Buffer {
  const pairs: number[] = [];
  for (const value of values) {
    if (pairs.length > 0 && pairs[pairs.length - 1] === value) pairs[pairs.length - 2] += 1;
    else pairs.push(1, value);
  }
  const out = Buffer.alloc(4 + pairs.length * 4);
  out.writeUInt32BE(pairs.length / 2);
  pairs.forEach((v, i) => (i % 2 ? out.writeInt32BE(v, 4 + i * 4) : out.writeUInt32BE(v, 4 + i * 4)));
  return out;
}

function u32s(values: number[], withCount = true): Buffer {
  const out = Buffer.alloc((withCount ? 4 : 0) + values.length * 4);
  if (withCount) out.writeUInt32BE(values.length);
  values.forEach((v, i) => out.writeUInt32BE(v, (withCount ? 4 : 0) + i * 4));
  return out;
}

function sampleTable(buf: Buffer, stbl: Box, track: Track): Buffer {
  const stsd = child(buf, stbl, 'stsd');
  const parts: Buffer[] = [Buffer.from(buf.subarray(stsd.start, stsd.end))];
  parts.push(fullBox('stts', 0, 0, runs(track.durations)));
  if (track.compositionOffsets.some((c) => c !== 0)) {
    const negative = track.compositionOffsets.some((c) => c < 0);
    parts.push(fullBox('ctts', negative ? 1 : 0, 0, runs(track.compositionOffsets)));
  }
  if (track.syncSamples.length < track.sizes.length) parts.push(fullBox('stss', 0, 0, u32s(track.syncSamples)));
  const stsc: number[] = [];
  track.chunks.forEach((chunk, i) => {
    if (stsc.length === 0 || stsc[stsc.length - 2] !== chunk.samples) stsc.push(i + 1, chunk.samples, 1);
  });
  parts.push(fullBox('stsc', 0, 0, u32s([stsc.length / 3, ...stsc], false)));
  const sizePayload = Buffer.alloc(8 + track.sizes.length * 4);
  sizePayload.writeUInt32BE(track.sizes.length, 4);
  track.sizes.forEach((s, i) => sizePayload.writeUInt32BE(s, 8 + i * 4));
  parts.push(fullBox('stsz', 0, 0, sizePayload));
  // Absolute offsets (the data sits at a fixed place after the reserved head), 64-bit so any length fits.
  const co64 = Buffer.alloc(4 + track.chunks.length * 8);
  co64.writeUInt32BE(track.chunks.length);
  track.chunks.forEach((c, i) => co64.writeBigUInt64BE(BigInt(c.offset), 4 + i * 8));
  parts.push(fullBox('co64', 0, 0, co64));
  return box('stbl', ...parts);
}

interface Edit {
  duration: number;
  mediaTime: number;
}

function readEdits(buf: Buffer, trak: Box): { version: number; edits: Edit[] } | null {
  const edts = optionalChild(buf, trak, 'edts');
  if (!edts) return null;
  const elst = child(buf, edts, 'elst');
  const version = buf[elst.body];
  const count = buf.readUInt32BE(elst.body + 4);
  const edits: Edit[] = [];
  for (let i = 0, at = elst.body + 8; i < count; i++, at += version === 1 ? 20 : 12) {
    edits.push(
      version === 1
        ? { duration: Number(buf.readBigUInt64BE(at)), mediaTime: Number(buf.readBigInt64BE(at + 8)) }
        : { duration: buf.readUInt32BE(at), mediaTime: buf.readInt32BE(at + 4) },
    );
  }
  return { version, edits };
}

/** Leading empty time of a track (an edit with media time -1 first), in the movie timescale. */
const leadingGap = (edits: Edit[] | undefined) => (edits?.[0]?.mediaTime === -1 ? edits[0].duration : 0);

/**
 * The track's edit list for a regular file: open-ended entries (duration 0, as fragmented files write them) get their
 * real length, and the empty time every track starts with is cut, as ffmpeg's own join does.
 */
function editList(edits: Edit[], version: number, mediaDuration: number, track: Track, movieTimescale: number, commonGap: number): { box: Buffer; length: number } {
  const out: Edit[] = [];
  for (const [i, edit] of edits.entries()) {
    if (i === 0 && edit.mediaTime === -1) {
      if (edit.duration - commonGap > 0) out.push({ duration: edit.duration - commonGap, mediaTime: -1 });
      continue;
    }
    const duration = edit.duration !== 0 ? edit.duration : Math.max(0, Math.round(((mediaDuration - edit.mediaTime) * movieTimescale) / track.timescale));
    out.push({ duration, mediaTime: edit.mediaTime });
  }
  const entry = version === 1 ? 20 : 12;
  const payload = Buffer.alloc(4 + out.length * entry);
  payload.writeUInt32BE(out.length);
  out.forEach((edit, i) => {
    const at = 4 + i * entry;
    if (version === 1) {
      payload.writeBigUInt64BE(BigInt(edit.duration), at);
      payload.writeBigInt64BE(BigInt(edit.mediaTime), at + 8);
      payload.writeUInt32BE(0x00010000, at + 16);
    } else {
      payload.writeUInt32BE(Math.min(edit.duration, 0xffffffff), at);
      payload.writeInt32BE(edit.mediaTime, at + 4);
      payload.writeUInt32BE(0x00010000, at + 8);
    }
  });
  return { box: box('edts', fullBox('elst', version, 0, payload)), length: out.reduce((sum, e) => sum + e.duration, 0) };
}

function buildMoov(init: Init): Buffer {
  const { buf, movieTimescale } = init;
  const traks: Buffer[] = [];
  let movieDuration = 0;
  const withSamples = [...init.tracks.values()].filter((t) => t.sizes.length > 0);
  const editsOf = new Map(withSamples.map((t) => [t.id, readEdits(buf, t.trak)]));
  const commonGap = Math.min(...withSamples.map((t) => leadingGap(editsOf.get(t.id)?.edits)));
  for (const track of withSamples) {
    const mediaDuration = track.durations.reduce((sum, d) => sum + d, 0);
    const found = editsOf.get(track.id);
    const edits = found ? editList(found.edits, found.version, mediaDuration, track, movieTimescale, commonGap) : null;
    const trackDuration = edits ? edits.length : Math.round((mediaDuration * movieTimescale) / track.timescale);
    movieDuration = Math.max(movieDuration, trackDuration);
    const tkhd = child(buf, track.trak, 'tkhd');
    const tkhdCopy = Buffer.from(buf.subarray(tkhd.start, tkhd.end));
    const tb = tkhd.body - tkhd.start;
    patchDuration(tkhdCopy, tb, tb + 20, tb + 28, trackDuration);
    const mdia = child(buf, track.trak, 'mdia');
    const mdhd = child(buf, mdia, 'mdhd');
    const mdhdCopy = Buffer.from(buf.subarray(mdhd.start, mdhd.end));
    const mb = mdhd.body - mdhd.start;
    patchDuration(mdhdCopy, mb, mb + 16, mb + 24, mediaDuration);
    const minf = child(buf, mdia, 'minf');
    const minfParts: Buffer[] = boxes(buf, minf.body, minf.end)
      .filter((b) => b.type !== 'stbl')
      .map((b) => Buffer.from(buf.subarray(b.start, b.end)));
    minfParts.push(sampleTable(buf, child(buf, minf, 'stbl'), track));
    const mdiaParts = [mdhdCopy, Buffer.from(buf.subarray(child(buf, mdia, 'hdlr').start, child(buf, mdia, 'hdlr').end)), box('minf', ...minfParts)];
    traks.push(box('trak', tkhdCopy, ...(edits ? [edits.box] : []), box('mdia', ...mdiaParts)));
  }
  const mvhdCopy = Buffer.from(buf.subarray(init.mvhd.start, init.mvhd.end));
  const vb = init.mvhd.body - init.mvhd.start;
  patchDuration(mvhdCopy, vb, vb + 16, vb + 24, movieDuration);
  const udta = init.udta ? [Buffer.from(buf.subarray(init.udta.start, init.udta.end))] : [];
  return box('moov', mvhdCopy, ...traks, ...udta);
}
