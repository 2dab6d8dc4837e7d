// Smart cut: a faststart MP4 of the kept ranges where whole GOPs are stream-copied from the original (the recorder puts
// a keyframe every second) and only the frames between a cut and the next keyframe are re-encoded, with the recording's
// own x264 settings so the copied and re-encoded frames share one SPS/PPS. Audio is cut at the same frame instants,
// sample-exactly, and encoded once to AAC. Everything is written under a work folder and a temp name, then renamed:
// a killed or cancelled render leaves no half-written output under the final name.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Range } from '../../../shared/edit/ranges';
import { HandoffError } from '../../../shared/result';
import { runCommand, tail } from '../system/run';
import { defaultX264Settings, parseX264Note, planPieces, toFrameRanges, x264Args, type Piece, type X264Settings } from './smart-cut-plan';

export interface SmartCutInput {
  ffmpeg: string;
  ffprobe: string;
  input: string;
  output: string;
  kept: readonly Range[];
  signal?: AbortSignal;
  /** Force a full re-encode of the kept ranges (the benchmark's baseline path uses its own command instead). */
  reencodeAll?: boolean;
}

export interface SmartCutResult {
  output: string;
  durationMs: number;
  sizeBytes: number;
  method: 'smart-cut' | 're-encode';
  copiedFrames: number;
  encodedFrames: number;
  /** Milliseconds per step, for the benchmark's breakdown (audio runs beside encode: `audio` is the wait after it). */
  timings: Record<'probe' | 'encode' | 'audio' | 'join', number>;
}

interface SourceInfo {
  fps: number;
  /** The nominal rate as ffprobe writes it ("30/1"): what x264 is given, so its timing info matches the original's. */
  rate: string;
  /**
   * Each frame's presentation time in the file's timeline (seconds from the file's start), plus one past the last.
   * Read from the packets rather than assumed at n/fps: a joined recording can have small gaps.
   */
  times: number[];
  width: number;
  height: number;
  timescale: number;
  frameCount: number;
  keyframes: number[];
  audio: { sampleRate: number; channels: number; bitRate: number } | null;
  extradataHash: string;
}

async function ff(binary: string, args: string[], what: string, signal?: AbortSignal): Promise<string> {
  const result = await runCommand(binary, args, { signal, maxOutput: 32 * 1024 * 1024 });
  if (signal?.aborted) throw new HandoffError('cancelled', 'The render was cancelled.');
  if (result.code !== 0) throw new HandoffError('internal', `${what} failed (${path.basename(binary)} exited with ${result.code ?? result.signal}): ${tail(result.stderr, 600).trim()}`);
  return result.stdout;
}

const rate = (text: string | undefined) => {
  const [num, den] = (text ?? '0/1').split('/').map(Number);
  return den ? num / den : num;
};

async function extradataHash(ffprobe: string, file: string, signal?: AbortSignal): Promise<string> {
  const out = await ff(ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=extradata_hash', '-show_data_hash', 'sha256', '-of', 'csv=p=0', file], 'Reading the video parameters', signal);
  return out.trim();
}

async function probeSource(ffprobe: string, file: string, signal?: AbortSignal): Promise<SourceInfo> {
  const json = JSON.parse(await ff(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', file], 'Probing the original', signal)) as {
    format?: { start_time?: string };
    streams: { codec_type: string; codec_name: string; width?: number; height?: number; r_frame_rate?: string; avg_frame_rate?: string; time_base?: string; sample_rate?: string; channels?: number; bit_rate?: string; start_time?: string }[];
  };
  const video = json.streams.find((s) => s.codec_type === 'video');
  if (!video || video.codec_name !== 'h264') throw new HandoffError('invalid-input', 'Only H.264 recordings can be cut (the original has no H.264 video).');
  const audio = json.streams.find((s) => s.codec_type === 'audio');
  const fps = rate(video.r_frame_rate) || rate(video.avg_frame_rate);
  const timescale = Math.round(1 / rate(video.time_base));
  // ffmpeg's -ss, atrim and the concat demuxer's in/out points all count from the file's own start.
  const formatStart = Number(json.format?.start_time ?? 0);
  // Packets only (no decoding): one line per frame, "pts,flags" with pts in the stream's time base (exact integers).
  const packets = await ff(ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts,flags', '-of', 'csv=p=0', file], 'Reading the keyframes', signal);
  const frames: { pts: number; key: boolean }[] = [];
  for (const line of packets.split('\n')) {
    const [pts, flags] = line.trim().split(',');
    if (!pts || pts === 'N/A') continue;
    frames.push({ pts: Number(pts), key: Boolean(flags?.includes('K')) });
  }
  // No B-frames in what the recorder writes, but sort anyway: frame numbers are presentation order.
  frames.sort((a, b) => a.pts - b.pts);
  const times = frames.map((f) => f.pts / timescale - formatStart);
  times.push((times.at(-1) ?? 0) + 1 / fps);
  const keyframes = frames.flatMap((f, i) => (f.key ? [i] : []));
  const frameCount = frames.length;
  return {
    fps,
    rate: video.r_frame_rate && rate(video.r_frame_rate) ? video.r_frame_rate : String(fps),
    times,
    width: video.width ?? 0,
    height: video.height ?? 0,
    timescale,
    frameCount,
    keyframes,
    audio: audio ? { sampleRate: Number(audio.sample_rate ?? 48000), channels: audio.channels ?? 1, bitRate: Number(audio.bit_rate ?? 96000) } : null,
    extradataHash: await extradataHash(ffprobe, file, signal),
  };
}

/** The x264 note sits in the first keyframe's SEI: copy that one packet out as Annex B and read it. */
async function recordingSettings(ffmpeg: string, file: string, source: SourceInfo, signal?: AbortSignal): Promise<X264Settings | null> {
  const head = await ff(ffmpeg, ['-v', 'error', '-i', file, '-map', '0:v:0', '-c', 'copy', '-frames:v', '1', '-bsf:v', 'h264_mp4toannexb', '-f', 'h264', '-'], 'Reading the encoder settings', signal);
  return parseX264Note(head) ?? null;
}

/**
 * Frame n's instant as ffmpeg reads seconds (microseconds). Rounded up for a seek that must land on frame n's own
 * keyframe (the concat demuxer seeks to the keyframe at or before it), down for -ss (frames before it are dropped).
 */
const at = (source: SourceInfo, frame: number, round: 'up' | 'down') => ((round === 'up' ? Math.ceil : Math.floor)(source.times[frame] * 1e6) / 1e6).toFixed(6);

function encodePieceArgs(input: string, piece: Piece, source: SourceInfo, settings: X264Settings, output: string): string[] {
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-ss', at(source, piece.from, 'down'), '-i', input,
    '-map', '0:v:0', '-an', '-sn', '-dn', '-frames:v', String(piece.to - piece.from),
    ...x264Args(settings, source.rate), '-video_track_timescale', String(source.timescale), output,
  ];
}

/** Audio of the kept ranges, cut at the same frame instants to the sample, joined and encoded once. */
function audioArgs(input: string, ranges: { from: number; to: number }[], source: SourceInfo, output: string): string[] {
  const sr = source.audio!.sampleRate;
  // The audio of frame n's instant: cut where the video is cut, so the offset between them stays what it was.
  const sample = (frame: number) => Math.round(source.times[frame] * sr);
  const trims = ranges.map((r, i) => `[0:a:0]atrim=start_sample=${sample(r.from)}:end_sample=${sample(r.to)},asetpts=PTS-STARTPTS[a${i}]`);
  const joined = `${ranges.map((_, i) => `[a${i}]`).join('')}concat=n=${ranges.length}:v=0:a=1[aout]`;
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-i', input,
    '-filter_complex', [...trims, joined].join(';'), '-map', '[aout]',
    '-c:a', 'aac', '-b:a', `${Math.round(source.audio!.bitRate / 1000) || 96}k`, '-ac', String(source.audio!.channels), output,
  ];
}

const quote = (file: string) => `'${file.replace(/'/g, "'\\''")}'`;

export async function smartCut(input: SmartCutInput): Promise<SmartCutResult> {
  const { ffmpeg, ffprobe, signal } = input;
  if (!existsSync(input.input)) throw new HandoffError('not-found', `The original recording is missing (${input.input}); it cannot be rendered.`);
  const timings = { probe: 0, encode: 0, audio: 0, join: 0 };
  let mark = performance.now();
  const lap = (step: keyof typeof timings) => {
    const now = performance.now();
    timings[step] += Math.round(now - mark);
    mark = now;
  };
  const source = await probeSource(ffprobe, input.input, signal);
  const ranges = toFrameRanges(input.kept, source.times.slice(0, -1));
  if (ranges.length === 0) throw new HandoffError('invalid-input', 'The edit keeps no whole frame of the clip.');
  const parsed = input.reencodeAll ? null : await recordingSettings(ffmpeg, input.input, source, signal);
  const settings = parsed ?? defaultX264Settings(source.width, source.height, source.fps);

  const outDir = path.dirname(input.output);
  const work = path.join(outDir, `.render-${randomBytes(4).toString('hex')}`);
  const temp = `${input.output}.${randomBytes(4).toString('hex')}.tmp`;
  await mkdir(work, { recursive: true });
  // Stops the audio job when anything else fails or the caller cancels: no ffmpeg outlives the render.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let pieces = parsed ? planPieces(ranges, source.keyframes, source.frameCount) : ranges.map((r) => ({ kind: 'encode' as const, ...r }));
    let method: SmartCutResult['method'] = parsed ? 'smart-cut' : 're-encode';
    const encodeAll = async (list: Piece[]) => {
      // One at a time: each x264 run already uses both cores, and runs in parallel only fight over them.
      for (const [i, piece] of list.entries()) {
        if (piece.kind === 'encode') await ff(ffmpeg, encodePieceArgs(input.input, piece, source, settings, path.join(work, `piece-${i}.mp4`)), 'Re-encoding the frames around a cut', signal);
      }
    };
    lap('probe');
    // The audio (one decode and AAC encode of the kept time) runs beside the few video re-encodes.
    const audioFile = path.join(work, 'audio.m4a');
    const audioJob = source.audio ? ff(ffmpeg, audioArgs(input.input, ranges, source, audioFile), 'Cutting the audio', stop.signal) : Promise.resolve('');
    audioJob.catch(() => undefined); // awaited below; a failure before then must not be an unhandled rejection
    await encodeAll(pieces);
    const firstEncoded = pieces.findIndex((p) => p.kind === 'encode');
    if (method === 'smart-cut' && firstEncoded >= 0 && (await extradataHash(ffprobe, path.join(work, `piece-${firstEncoded}.mp4`), signal)) !== source.extradataHash) {
      // This x264 writes different parameter sets for the same settings: copied and re-encoded frames could not share
      // one track, so every kept frame is re-encoded instead (slower, never wrong).
      pieces = ranges.map((r) => ({ kind: 'encode' as const, ...r }));
      method = 're-encode';
      await encodeAll(pieces);
    }

    const list = pieces.map((piece, i) => {
      const duration = (piece.kind === 'encode' ? (piece.to - piece.from) / source.fps : source.times[piece.to] - source.times[piece.from]).toFixed(6);
      if (piece.kind === 'encode') return `file ${quote(path.join(work, `piece-${i}.mp4`))}\nduration ${duration}\n`;
      // outpoint mid-way through the last kept frame: the next frame is excluded whatever the rounding.
      const outpoint = ((source.times[piece.to - 1] + source.times[piece.to]) / 2).toFixed(6);
      return `file ${quote(input.input)}\ninpoint ${at(source, piece.from, 'up')}\noutpoint ${outpoint}\nduration ${duration}\n`;
    });
    const listFile = path.join(work, 'pieces.txt');
    await writeFile(listFile, `ffconcat version 1.0\n${list.join('')}`);

    lap('encode');
    await audioJob;
    if (signal?.aborted) throw new HandoffError('cancelled', 'The render was cancelled.');
    lap('audio');

    await ff(
      ffmpeg,
      [
        '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
        '-f', 'concat', '-safe', '0', '-i', listFile,
        ...(source.audio ? ['-i', audioFile] : []),
        '-map', '0:v:0', ...(source.audio ? ['-map', '1:a:0'] : []),
        '-c', 'copy', '-video_track_timescale', String(source.timescale), '-movflags', '+faststart', '-f', 'mp4', temp,
      ],
      'Joining the pieces',
      signal,
    );
    await rename(temp, input.output);
    lap('join');
    const frames = (kind: Piece['kind']) => pieces.filter((p) => p.kind === kind).reduce((sum, p) => sum + p.to - p.from, 0);
    const keptFrames = ranges.reduce((sum, r) => sum + r.to - r.from, 0);
    return {
      output: input.output,
      durationMs: Math.round((keptFrames / source.fps) * 1000),
      sizeBytes: (await stat(input.output)).size,
      method,
      copiedFrames: frames('copy'),
      encodedFrames: frames('encode'),
      timings,
    };
  } finally {
    stop.abort();
    signal?.removeEventListener('abort', onAbort);
    await rm(work, { recursive: true, force: true });
    await rm(temp, { force: true });
  }
}
