// Joins a recording's fragmented-MP4 segments (init.mp4 + seg-*.m4s per part, as ffmpeg's HLS muxer writes them) into
// a regular moov-first MP4 without ffmpeg. ffmpeg's stream copy does per-packet work at stop (0.4 s for 600 s here), so stop →
// ready grew with the recording; this join copies each segment's sample bytes as it is appended, keeps the sample
// tables in memory, and at the end writes moov into space reserved at the start of the file. Anything it does not
// recognise throws, and finalize falls back to ffmpeg's join.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { box, boxes, child, Cursor, joinError } from './mp4-boxes';
import { buildMoov, parseInit, sampleDescription, trackStart } from './mp4-moov';

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
  /**
   * Starts the next part of the recording (after a pause): its segments follow this part's with no gap in recorded
   * time. Throws when that part was encoded differently (another codec, size or rate: it cannot share the tracks).
   */
  nextPart(initPath: string): Promise<void>;
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
  // The first part's init: its tracks collect every part's samples, and its boxes become the moov.
  const init = parseInit(await readFile(initPath));
  // The current part's init: its track defaults are what that part's fragments leave out.
  let part = init;
  // Media time still to drop at the start of the current part, per track (see nextPart).
  const skipping = new Map<number, number>();
  const file: FileHandle = await open(outPath, 'w');
  let writeAt = reserveBytes;
  let sampleCount = 0;

  async function append(segmentPath: string): Promise<void> {
    const buf = await readFile(segmentPath);
    for (const moof of boxes(buf).filter((b) => b.type === 'moof')) {
      for (const traf of boxes(buf, moof.body, moof.end).filter((b) => b.type === 'traf')) {
        const tfhd = child(buf, traf, 'tfhd');
        const tfFlags = buf.readUInt32BE(tfhd.body) & 0xffffff;
        const id = buf.readUInt32BE(tfhd.body + 4);
        const track = init.tracks.get(id);
        const own = part.tracks.get(id);
        if (!track || !own) throw joinError('a fragment names a track init.mp4 does not have');
        const tf = new Cursor(buf, tfhd.body + 8);
        let base = moof.start;
        if (tfFlags & 0x1) base = tf.u64();
        else if (!(tfFlags & 0x20000)) throw joinError('a fragment without default-base-is-moof');
        if (tfFlags & 0x2) tf.skip(4);
        const defaults = { ...own.defaults };
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
          let skip = skipping.get(id) ?? 0;
          let droppedBytes = 0;
          let kept = 0;
          let bytes = 0;
          for (let i = 0; i < count; i++) {
            const duration = flags & 0x100 ? run.u32() : defaults.duration;
            const size = flags & 0x200 ? run.u32() : defaults.size;
            const sampleFlags = flags & 0x400 ? run.u32() : i === 0 && firstFlags !== null ? firstFlags : defaults.flags;
            const cto = flags & 0x800 ? (version === 0 ? run.u32() : run.i32()) : 0;
            if (kept === 0 && duration > 0 && skip >= duration) {
              skip -= duration;
              droppedBytes += size;
              continue;
            }
            track.durations.push(duration);
            track.sizes.push(size);
            track.compositionOffsets.push(cto);
            if (!(sampleFlags & NON_SYNC)) track.syncSamples.push(track.sizes.length);
            kept += 1;
            bytes += size;
          }
          skipping.set(id, kept > 0 ? 0 : skip);
          if (kept === 0) continue;
          const from = dataStart + droppedBytes;
          if (dataStart < 0 || from + bytes > buf.length) throw joinError('a track run points outside its segment');
          await file.write(buf, from, bytes, writeAt);
          track.chunks.push({ offset: writeAt, samples: kept });
          writeAt += bytes;
          sampleCount += kept;
        }
      }
    }
  }

  async function nextPart(nextInitPath: string): Promise<void> {
    const next = parseInit(await readFile(nextInitPath));
    const tracks = [...init.tracks.values()];
    const same = (track: (typeof tracks)[number]) => {
      const other = next.tracks.get(track.id);
      return other && other.isVideo === track.isVideo && other.timescale === track.timescale && sampleDescription(next, other).equals(sampleDescription(init, track));
    };
    if (next.tracks.size !== tracks.length || !tracks.every(same)) throw joinError('a later part was encoded with other settings');
    if (tracks.some((track) => track.sizes.length === 0)) throw joinError('a part ended with an empty track');
    for (const track of tracks.filter((t) => !t.isVideo && t.durations.length > 1)) {
      // A part's last audio frame is cut to the samples recorded (AAC: 640 of 1024), but mid-file it decodes whole: left
      // short, it would overlap the next part's first frame (decoders then report non-increasing timestamps).
      const last = track.durations.length - 1;
      track.durations[last] = Math.max(track.durations[last], track.durations[last - 1]);
    }
    // Every track of the next part starts where the longest track of this one ends, with the next part's own offsets
    // between its tracks kept (ffmpeg 5 delays the video by the AAC priming): the difference goes into each track's last
    // sample, so the video's last frame of a part shows a few milliseconds longer.
    const ends = tracks.map((track) => {
      const start = trackStart(init, track);
      return start.gapSeconds + (track.durations.reduce((sum, d) => sum + d, 0) - start.mediaTime) / track.timescale;
    });
    const boundary = Math.max(...ends);
    const starts = tracks.map((track) => trackStart(next, next.tracks.get(track.id)!));
    const firstStart = Math.min(...starts.map((start) => start.gapSeconds));
    tracks.forEach((track, i) => {
      const pad = Math.round((boundary + starts[i].gapSeconds - firstStart - ends[i]) * track.timescale);
      track.durations[track.durations.length - 1] = Math.max(1, track.durations[track.durations.length - 1] + pad);
      // Media the next part's edit list skips (AAC priming, where a muxer trims it that way) would be heard mid-file
      // and push the audio later at every resume: those leading samples are dropped. A video offset (B-frames) is the
      // same in every part.
      skipping.set(track.id, track.isVideo ? 0 : starts[i].mediaTime);
    });
    part = next;
    builtMoov = null;
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
    nextPart,
    finish,
    headBytes: () => FTYP.length + moovNow().length + 16,
    dataBytes: () => writeAt - reserveBytes,
    sync: () => file.datasync(),
    abandon: () => file.close(),
  };
}

