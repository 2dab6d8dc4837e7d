// Work that follows a recording while it runs (live transcription, publishing while recording): the recorder tells
// each follower about parts and progress, and about the end, but never waits on one while recording and never fails
// because one did. A follower that cannot keep up drops out by itself and the after-stop path does its job instead.
import type { RecordOptions, RecordingResult } from '../../../shared/contract/recorder';
import type { Logger } from '../logger';
import type { LiveJoin } from './live-join';

export interface RecordingFollower {
  /** Asks each part's ffmpeg to also write the mic as 16 kHz mono s16le (SPEECH_AUDIO_FILE) into the part's folder. */
  readonly wantsSpeechAudio?: boolean;
  /** A part began: its folder (init.mp4, playlist, segments appear there). */
  partStarted(partDir: string): void;
  /** ffmpeg reported progress: new segments may be complete. Must return at once. */
  poke(): void;
  /** The part's ffmpeg has exited (pause, stop, crash): its playlist is final. */
  partEnded(): void;
  /** The recording became a clip (same id). The promise settles when the follower's work for it is done. */
  completed(result: RecordingResult): Promise<void>;
  /** Cancelled or failed: undo whatever was started (temp files, uploaded parts, pages). */
  abandoned(): Promise<void>;
}

export interface RecordingInfo {
  id: string;
  /** The recording's folder (recordings/<id>). */
  dir: string;
  options: RecordOptions;
  /** The moov-first file built while recording, when there is one. */
  liveJoin: () => LiveJoin | null;
}

export type FollowerFactory = (recording: RecordingInfo) => RecordingFollower | null;

/** The followers of one recording: started from the factories, told of each step, settled at the end. */
export function startFollowers(factories: readonly FollowerFactory[], info: RecordingInfo, logger: Logger) {
  const followers: RecordingFollower[] = [];
  for (const factory of factories) {
    try {
      const follower = factory(info);
      if (follower) followers.push(follower);
    } catch (error) {
      logger.error('a recording follower could not start; the recording goes on without it', { id: info.id, error });
    }
  }
  return {
    /** Whether any follower reads the speech audio (then every part's ffmpeg writes it). */
    wantsSpeechAudio: followers.some((follower) => follower.wantsSpeechAudio === true),
    /** Runs `call` on every follower; one follower's failure is logged and never reaches the recorder. */
    tell(call: (follower: RecordingFollower) => void): void {
      for (const follower of followers) {
        try {
          call(follower);
        } catch (error) {
          logger.error('a recording follower failed', { id: info.id, error });
        }
      }
    },
    /** Settles the followers' end-of-recording work without ever failing the recording. */
    async settle(run: (follower: RecordingFollower) => Promise<void>): Promise<void> {
      await Promise.all(
        followers.map((follower) =>
          Promise.resolve()
            .then(() => run(follower))
            .catch((error: unknown) => logger.error('a recording follower failed at the end', { id: info.id, error })),
        ),
      );
    },
  };
}
export type Followers = ReturnType<typeof startFollowers>;
