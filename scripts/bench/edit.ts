// Smart cut against a full re-encode (issue 18), in one run on the same file: a 10-minute 1080p30 recording at the
// recorder's settings (x264 ultrafast/zerolatency, CRF 26, 2000k cap, a keyframe every second, mono AAC 96k), three
// cuts at instants that are not keyframes. Baseline: the same kept ranges through trim/atrim + concat filters and x264
// at the recorder's settings (what a render without smart cut does). Target: smart cut ≤ 0.1× the baseline's time.
// The source is 10 s of testsrc2 encoded once and looped by stream copy (same GOPs, 60× faster to make) + a sine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { rateControl } from '../../electron/core/capture/command';
import { smartCut } from '../../electron/core/edit/smart-cut';
import { keptDuration, subtractRanges, wholeClip } from '../../shared/edit/ranges';

const MINUTES = Number(process.env.BENCH_MINUTES ?? 10);
const FPS = 30;
const dir = mkdtempSync(path.join(os.tmpdir(), 'handoff-bench-edit-'));
const ff = (args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
const { crf, maxrateK, audioK } = rateControl({ width: 1920, height: 1080 }, FPS, 'standard');
const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-crf', String(crf), '-maxrate', `${maxrateK}k`, '-bufsize', `${maxrateK * 2}k`, '-pix_fmt', 'yuv420p', '-force_key_frames', 'expr:gte(t,n_forced*1)', '-fps_mode', 'cfr', '-r', String(FPS)];
const aac = ['-c:a', 'aac', '-b:a', `${audioK}k`, '-ac', '1'];

try {
  const tile = path.join(dir, 'tile.mp4');
  const source = path.join(dir, 'recording.mp4');
  // Video looped by stream copy (10 s is exactly 300 frames, so the loop has no gap); audio encoded at full length.
  ff(['-f', 'lavfi', '-i', `testsrc2=s=1920x1080:r=${FPS}`, '-t', '10', ...x264, '-an', tile]);
  ff(['-stream_loop', String(MINUTES * 6 - 1), '-i', tile, '-f', 'lavfi', '-i', `sine=f=440:r=48000:d=${MINUTES * 60}`, '-map', '0:v', '-map', '1:a', '-c:v', 'copy', ...aac, '-movflags', '+faststart', source]);
  const durationMs = MINUTES * 60_000;
  // Three cuts, none on a keyframe: a stumble early on, a minute in the middle, a tail before the end.
  const cuts = [
    { startMs: 61_433, endMs: 64_870 },
    { startMs: durationMs / 2 - 30_250, endMs: durationMs / 2 + 30_410 },
    { startMs: durationMs - 95_120, endMs: durationMs - 80_640 },
  ];
  const kept = subtractRanges(wholeClip(durationMs), cuts);

  const smartOut = path.join(dir, 'smart.mp4');
  let started = performance.now();
  const smart = await smartCut({ ffmpeg: 'ffmpeg', ffprobe: 'ffprobe', input: source, output: smartOut, kept });
  const smartS = (performance.now() - started) / 1000;

  const fullOut = path.join(dir, 'full.mp4');
  const graph = [
    ...kept.map((r, i) => `[0:v]trim=start=${r.startMs / 1000}:end=${r.endMs / 1000},setpts=PTS-STARTPTS[v${i}]`),
    ...kept.map((r, i) => `[0:a]atrim=start=${r.startMs / 1000}:end=${r.endMs / 1000},asetpts=PTS-STARTPTS[a${i}]`),
    `${kept.map((_, i) => `[v${i}][a${i}]`).join('')}concat=n=${kept.length}:v=1:a=1[v][a]`,
  ].join(';');
  started = performance.now();
  ff(['-i', source, '-filter_complex', graph, '-map', '[v]', '-map', '[a]', ...x264, ...aac, '-movflags', '+faststart', fullOut]);
  const fullS = (performance.now() - started) / 1000;

  const mb = (file: string) => (statSync(file).size / 1e6).toFixed(1);
  console.log(`source: ${MINUTES} min 1080p${FPS}, ${mb(source)} MB; three cuts, ${(keptDuration(kept) / 1000).toFixed(1)} s kept`);
  console.log(`smart cut:       ${smartS.toFixed(2)} s  ${mb(smartOut)} MB  (${smart.method}: ${smart.copiedFrames} frames copied, ${smart.encodedFrames} re-encoded; ms ${JSON.stringify(smart.timings)})`);
  console.log(`full re-encode:  ${fullS.toFixed(2)} s  ${mb(fullOut)} MB  (trim/concat filters, x264 ultrafast CRF ${crf})`);
  console.log(`ratio: ${(smartS / fullS).toFixed(3)}× (target ≤ 0.1×)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
