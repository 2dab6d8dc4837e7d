// The recorder's dependencies and the state of the recording it runs (recorder.ts), kept apart so the service reads
// as what it does.
import type { EventPayload } from '../../../shared/contract';
import type { RecordOptions, RecordingResult } from '../../../shared/contract/recorder';
import type { EncodeSettings, Size, X264Preset } from './command';
import type { FollowerFactory, Followers } from './follower';
import type { LiveJoin } from './live-join';
import type { Manifest } from './manifest';
import type { RunningPart } from './part-process';
import type { ClipDeps } from './recovery';

export interface RecorderDeps extends Omit<ClipDeps, 'ffmpegPath'> {
  locateFfmpeg: () => Promise<string | null>;
  cacheDir: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  emit: <E extends 'recorder:state' | 'recorder:progress' | 'recorder:warning'>(event: E, payload: EventPayload<E>) => void;
  /** Recorded time a mic must stay below SILENCE_DB before the warning. */
  silenceWarnMs?: number;
  /** x264 preset for the first part (later parts may go faster, see the policy above). */
  initialPreset?: X264Preset;
  /**
   * Free space below which a recording refuses to start or stops by itself. ffmpeg's HLS muxer does not stop on a
   * full disk (it goes on writing empty segments), so the recorder must.
   */
  minFreeBytes?: number;
  /** Work that follows each recording while it runs (live transcription, publishing while recording). */
  followers?: () => FollowerFactory[];
}

/** The recording in progress. */
export interface ActiveRecording {
  id: string;
  dir: string;
  ffmpegPath: string;
  manifest: Manifest;
  options: RecordOptions;
  sourceSize: Size;
  maskPath: string | null;
  encode: EncodeSettings;
  part: RunningPart | null;
  /** Every part joined as it is written (live-join.ts), started with the first part. */
  liveJoin: LiveJoin | null;
  followers: Followers;
  partElapsedMs: number;
  doneMs: number;
  micLevelDb: number | null;
  silenceWatch: (levelDb: number | null, elapsedMs: number) => number | null;
  slowReports: number;
  speedMeter: (wallMs: number, outMs: number) => number | null;
  adaptations: number;
  lastSpaceCheckMs: number;
  stoppingForDisk: boolean;
  /** Settles when every follower finished with the recording (after it became a clip, or was abandoned). */
  followed: Promise<void> | null;
  ended: Promise<RecordingResult>;
  resolveEnded: (result: RecordingResult) => void;
  rejectEnded: (error: unknown) => void;
}

