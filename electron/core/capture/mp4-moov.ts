// The moov of a joined file: sample tables built from what mp4-join.ts appended, edit lists made regular, durations
// patched into copies of the init segment's boxes.
import { box, boxes, child, fullBox, joinError, optionalChild, patchDuration, type Box } from './mp4-boxes';

export interface Track {
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

export interface Init {
  buf: Buffer;
  movieTimescale: number;
  mvhd: Box;
  udta: Box | undefined;
  tracks: Map<number, Track>;
}

export function parseInit(buf: Buffer): Init {
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
 * Where a track starts to play, from its edit list: the empty time before it (seconds), and the media time (track
 * timescale) its first real edit starts at: the AAC encoder's priming, or the first frame's composition offset.
 */
export function trackStart(init: Init, track: Track): { gapSeconds: number; mediaTime: number } {
  const edits = readEdits(init.buf, track.trak)?.edits ?? [];
  const media = edits.find((edit) => edit.mediaTime !== -1);
  return { gapSeconds: leadingGap(edits) / init.movieTimescale, mediaTime: media ? media.mediaTime : 0 };
}

/** A track's stsd box: its codec and that codec's configuration (SPS/PPS, AAC config). */
export function sampleDescription(init: Init, track: Track): Buffer {
  const minf = child(init.buf, child(init.buf, track.trak, 'mdia'), 'minf');
  const stsd = child(init.buf, child(init.buf, minf, 'stbl'), 'stsd');
  return init.buf.subarray(stsd.start, stsd.end);
}

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

export function buildMoov(init: Init): Buffer {
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
