// `handoff doctor`: everything a recording needs, what is missing, and how to get it.
import { mkdir, readdir, rm, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DoctorReport } from '../../../shared/contract/app';
import { listCaptureDevices } from '../capture/devices';
import { HARDWARE_H264_ENCODERS, probeFfmpeg, type FfmpegCapabilities } from '../system/ffmpeg-probe';
import { runCommand } from '../system/run';
import { chooseNativeBinding, listNativeBindings, packageBuildPath } from '../system/native-binding';
import { messageOf } from '../../../shared/result';

export interface DoctorDeps {
  ffmpegPath: string | null;
  whisperPath: string | null;
  modelsDir: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Extra checks contributed by other services (library integrity, …). */
  extraChecks?: () => Promise<DoctorReport['checks']>;
  /** The folder holding `native/<runtime>-<abi>/` builds (see system/native-binding.ts). */
  nativeRoot: string | null;
}

function nativeReport(nativeRoot: string | null): DoctorReport['native'] {
  const chosen = chooseNativeBinding(nativeRoot);
  const active = chosen.path ?? packageBuildPath();
  return {
    ...chosen.runtime,
    active,
    source: chosen.source,
    bindings: listNativeBindings(nativeRoot, packageBuildPath(), chosen.runtime),
  };
}

const SCREEN_INPUT: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['x11grab'],
  darwin: ['avfoundation'],
  win32: ['gdigrab', 'ddagrab'],
};
const AUDIO_INPUTS = ['pulse', 'alsa', 'avfoundation', 'dshow'];
const CAMERA_INPUTS = ['v4l2', 'avfoundation', 'dshow'];

function installFfmpegHint(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Install it with `brew install ffmpeg`, or set HANDOFF_FFMPEG to its path.';
  if (platform === 'win32') return 'Install it with `winget install ffmpeg`, or set HANDOFF_FFMPEG to its path.';
  return 'Install it with `sudo apt-get install ffmpeg` (Debian/Ubuntu) or your package manager, or set HANDOFF_FFMPEG.';
}

async function checkDataDir(dataDir: string): Promise<DoctorReport['dataDir']> {
  try {
    await mkdir(dataDir, { recursive: true });
    const probe = path.join(dataDir, `.doctor-${process.pid}`);
    await writeFile(probe, 'ok');
    await rm(probe);
    const fs = await statfs(dataDir);
    return { path: dataDir, writable: true, freeBytes: fs.bavail * fs.bsize };
  } catch {
    return { path: dataDir, writable: false, freeBytes: null };
  }
}

async function checkDisplay(deps: DoctorDeps, ffmpeg: FfmpegCapabilities | null): Promise<DoctorReport['display']> {
  if (deps.platform === 'darwin') return { kind: 'macos', name: null, reachable: true };
  if (deps.platform === 'win32') return { kind: 'windows', name: null, reachable: true };
  const display = deps.env.DISPLAY;
  if (!display) {
    return deps.env.WAYLAND_DISPLAY
      ? { kind: 'wayland', name: deps.env.WAYLAND_DISPLAY, reachable: false }
      : { kind: 'none', name: null, reachable: false };
  }
  if (!ffmpeg?.inputDevices.includes('x11grab')) return { kind: 'x11', name: display, reachable: false };
  // Grabbing one tiny frame is the only reliable way to know the X server accepts us.
  const grab = await runCommand(
    ffmpeg.path,
    ['-hide_banner', '-loglevel', 'error', '-f', 'x11grab', '-video_size', '16x16', '-i', display, '-frames:v', '1', '-f', 'null', '-'],
    { timeoutMs: 8_000 },
  );
  return { kind: 'x11', name: display, reachable: grab.code === 0 };
}

async function listModels(modelsDir: string): Promise<string[]> {
  try {
    return (await readdir(modelsDir)).filter((name) => /^ggml-.+\.bin$/.test(name)).sort();
  } catch {
    return [];
  }
}

async function whisperVersion(whisperPath: string | null): Promise<string | null> {
  if (!whisperPath) return null;
  const result = await runCommand(whisperPath, ['--version'], { timeoutMs: 5_000 }).catch(() => null);
  const match = result && /(\d+\.\d+\.\d+)/.exec(result.stdout + result.stderr);
  return match ? match[1] : null;
}

export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const ffmpeg = deps.ffmpegPath ? await probeFfmpeg(deps.ffmpegPath).catch(() => null) : null;
  const inputs = ffmpeg?.inputDevices ?? [];
  const encoders = ffmpeg?.encoders ?? [];
  const screenInputs = (SCREEN_INPUT[deps.platform] ?? []).filter((d) => inputs.includes(d));
  const [dataDir, display, models, version] = await Promise.all([
    checkDataDir(deps.dataDir),
    checkDisplay(deps, ffmpeg),
    listModels(deps.modelsDir),
    whisperVersion(deps.whisperPath),
  ]);
  const { mics, cameras, error: deviceError } = ffmpeg ? await recorderDevices(ffmpeg, deps) : { mics: [], cameras: [], error: null };
  const noDevices = deviceError ? ` (listing devices failed: ${deviceError})` : '';

  const native = nativeReport(deps.nativeRoot);
  const hasX264 = encoders.includes('libx264');
  const hasAac = encoders.includes('aac');
  const checks: DoctorReport['checks'] = [
    ffmpeg
      ? { name: 'ffmpeg', ok: true, required: true, detail: `${ffmpeg.path} (${ffmpeg.version ?? 'unknown version'})` }
      : { name: 'ffmpeg', ok: false, required: true, detail: 'ffmpeg was not found.', fix: installFfmpegHint(deps.platform) },
    {
      name: 'h264 encoder',
      ok: hasX264,
      required: true,
      detail: hasX264 ? 'libx264' : 'this ffmpeg has no libx264',
      fix: hasX264 ? undefined : 'Use an ffmpeg build with libx264 (Debian, Homebrew and gyan.dev builds have it).',
    },
    { name: 'aac encoder', ok: hasAac, required: true, detail: hasAac ? 'aac' : 'this ffmpeg has no aac encoder' },
    {
      name: 'screen capture input',
      ok: screenInputs.length > 0,
      required: true,
      detail: screenInputs.length ? screenInputs.join(', ') : `none of ${(SCREEN_INPUT[deps.platform] ?? []).join('/') || 'a known input'}`,
      fix: screenInputs.length ? undefined : 'Use an ffmpeg build with screen capture (x11grab, avfoundation or gdigrab).',
    },
    {
      name: 'display',
      ok: display.reachable,
      required: true,
      detail: display.reachable ? `${display.kind} ${display.name ?? ''}`.trim() : `no reachable display (${display.kind})`,
      fix: display.reachable
        ? undefined
        : display.kind === 'wayland'
          ? 'x11grab cannot see a Wayland screen: log in to an X11 session, or record camera only (--camera-only).'
          : 'Run inside a desktop session, or start Xvfb and set DISPLAY (e.g. Xvfb :99 & export DISPLAY=:99).',
    },
    {
      name: 'database module',
      ok: true,
      required: true,
      detail: `better-sqlite3 for ${native.runtime} ${native.version} (ABI ${native.abi}) from ${native.active ?? 'the package'}`,
    },
    {
      name: 'data folder',
      ok: dataDir.writable,
      required: true,
      detail: dataDir.writable ? dataDir.path : `${dataDir.path} is not writable`,
      fix: dataDir.writable ? undefined : 'Choose another folder with --data-dir or HANDOFF_DATA_DIR.',
    },
    {
      name: 'microphone',
      ok: mics.length > 0,
      required: false,
      detail: mics.length ? mics.join(', ') : `no microphone found; recordings will have no voice${noDevices}`,
      fix: mics.length ? undefined : 'Connect a mic, or start PulseAudio/PipeWire so ffmpeg can list it.',
    },
    {
      name: 'camera',
      ok: cameras.length > 0,
      required: false,
      detail: cameras.length ? cameras.join(', ') : `no camera found; recordings have no camera bubble (the synthetic test camera still works)${noDevices}`,
      fix: cameras.length ? undefined : 'Connect a webcam (on Linux it appears as /dev/video*), or record without one (--camera none).',
    },
    {
      name: 'whisper',
      ok: Boolean(deps.whisperPath) && models.length > 0,
      required: false,
      detail: deps.whisperPath
        ? `${deps.whisperPath}; models: ${models.length ? models.join(', ') : 'none installed'}`
        : 'whisper-cli not found: clips work, but are not transcribed',
      fix: !deps.whisperPath
        ? 'Run `npm run build:whisper`, or set HANDOFF_WHISPER_CLI to a whisper-cli binary.'
        : models.length
          ? undefined
          : 'Download a model with `handoff models download base.en`, or import one with `handoff models import FILE`.',
    },
    ...(deps.extraChecks ? await deps.extraChecks() : []),
  ];

  return {
    ready: checks.every((check) => check.ok || !check.required),
    ffmpeg: {
      found: Boolean(ffmpeg),
      path: ffmpeg?.path ?? deps.ffmpegPath,
      version: ffmpeg?.version ?? null,
      screenInputs,
      audioInputs: AUDIO_INPUTS.filter((d) => inputs.includes(d)),
      cameraInputs: CAMERA_INPUTS.filter((d) => inputs.includes(d)),
      encoders: { libx264: hasX264, aac: hasAac, hardware: HARDWARE_H264_ENCODERS.filter((e) => encoders.includes(e)) },
    },
    whisper: { found: Boolean(deps.whisperPath), path: deps.whisperPath, version, models },
    dataDir,
    display,
    mics,
    cameras,
    native,
    checks,
  };
}

/**
 * The mics and cameras exactly as the recorder lists them (so what doctor shows is what `record --mic/--camera` can
 * open), without its synthetic test source and without monitors of outputs, which are not microphones.
 */
async function recorderDevices(ffmpeg: FfmpegCapabilities, deps: DoctorDeps): Promise<{ mics: string[]; cameras: string[]; error: string | null }> {
  try {
    const devices = await listCaptureDevices(ffmpeg.path, deps.platform, deps.env, ffmpeg.inputDevices);
    return {
      mics: devices.mics.filter((d) => d.id !== 'synthetic' && !d.id.endsWith('.monitor')).map((d) => `${devices.micBackend}:${d.id}`),
      cameras: devices.cameras.filter((d) => d.id !== 'synthetic').map((d) => (d.name === d.id ? d.id : `${d.id} (${d.name})`)),
      error: null,
    };
  } catch (error) {
    // Listing devices can fail (ffmpeg dies, a device hangs); doctor then reports none, with the reason in the detail.
    return { mics: [], cameras: [], error: messageOf(error) };
  }
}
