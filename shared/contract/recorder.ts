import { z } from 'zod';
import { displayInput } from './safe-inputs';

const empty = z.object({}).strict();

export const bubbleCorner = z.enum(['top-left', 'top-right', 'bottom-left', 'bottom-right']);
export const recordQuality = z.enum(['low', 'standard', 'high']);

/** Everything a recording can be asked for. Devices are ids from `devices:list`; 'default' picks the system's. */
export const recordOptions = z
  .object({
    /** X display (':0', ':99'), a macOS screen index or a Windows monitor; null = the default screen. */
    display: displayInput.nullable().default(null),
    region: z
      .object({ x: z.number().int().min(0), y: z.number().int().min(0), width: z.number().int().min(16), height: z.number().int().min(16) })
      .strict()
      .nullable()
      .default(null),
    /** Camera device id, 'default', 'synthetic' (a test pattern), or null for no camera. */
    camera: z.string().max(256).nullable().default(null),
    /** Microphone device id, 'default', 'synthetic' (a tone), or null for no mic. */
    mic: z.string().max(256).nullable().default('default'),
    cameraOnly: z.boolean().default(false),
    bubbleCorner: bubbleCorner.default('bottom-right'),
    /** Bubble diameter as a fraction of the output height. */
    bubbleSize: z.number().min(0.1).max(0.5).default(0.25),
    fps: z.number().int().min(5).max(60).default(30),
    /** Output height cap; width follows the aspect ratio. */
    maxHeight: z.number().int().min(240).max(2160).default(1080),
    quality: recordQuality.default('standard'),
    /**
     * 'sync' replaces the screen with a frame that flashes white while the mic input beeps, once a second (A/V sync
     * checks). A file makes every 'synthetic' camera or mic device play that media file in real time instead of the
     * built-in test pattern and tone.
     */
    synthetic: z.union([z.literal('sync'), z.object({ file: z.string().min(1).max(4096) }).strict()]).nullable().default(null),
    title: z.string().max(300).default(''),
    /** The update this recording answers (`handoff reply ID --record`): set on the clip when it is made, before any auto-publish. */
    replyTo: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a clip id').nullable().default(null),
    /** Stop by itself after this much recorded time (pauses excluded); ffmpeg cuts at exactly this length. */
    maxSeconds: z.number().positive().max(86_400).nullable().default(null),
    /** "Publish when I stop": the clip goes to the workspace at stop (uploaded while recording when that is on). */
    publishOnStop: z.boolean().default(false),
  })
  .strict();
export type RecordOptions = z.output<typeof recordOptions>;

/**
 * What a page (browser mode, the desktop renderer) may ask for: a synthetic source file is a path (or a URL: ffmpeg
 * opens either) on this machine, which only the command line, run by the person at it, may name.
 */
export const pageRecordOptions = recordOptions.extend({
  synthetic: z
    .literal('sync', { message: "a page may ask for 'sync' or nothing; a synthetic source file is for the command line" })
    .nullable()
    .default(null),
});
export type RecordOptionsInput = z.input<typeof recordOptions>;

/**
 * What a caller of `recorder:start` asks for. The fields the saved `recording.*` settings cover have no default here:
 * left out, core fills them from the settings (shared/recording-defaults.ts), so the Record page, the CLI, the tray
 * and the global shortcut all record the same way without each merging the settings itself.
 */
export const recordRequest = recordOptions
  .extend({
    display: recordOptions.shape.display.unwrap().optional(),
    camera: recordOptions.shape.camera.unwrap().optional(),
    mic: recordOptions.shape.mic.unwrap().optional(),
    bubbleCorner: bubbleCorner.optional(),
    bubbleSize: recordOptions.shape.bubbleSize.unwrap().optional(),
    fps: recordOptions.shape.fps.unwrap().optional(),
    maxHeight: recordOptions.shape.maxHeight.unwrap().optional(),
    quality: recordQuality.optional(),
  })
  .strict();
export type RecordRequest = z.output<typeof recordRequest>;
export type RecordRequestInput = z.input<typeof recordRequest>;

/** `recorder:start` from a page: like pageRecordOptions, a synthetic source file is for the command line only. */
export const pageRecordRequest = recordRequest.extend({ synthetic: pageRecordOptions.shape.synthetic });

export const recorderState = z.enum(['idle', 'starting', 'recording', 'paused', 'stopping', 'finalizing', 'failed']);
export type RecorderState = z.infer<typeof recorderState>;

export const recorderStatus = z.object({
  state: recorderState,
  id: z.string().nullable(),
  elapsedMs: z.number(),
  part: z.number(),
  micLevelDb: z.number().nullable(),
  error: z.string().nullable(),
});
export type RecorderStatus = z.infer<typeof recorderStatus>;

export const recordingResult = z.object({
  id: z.string(),
  status: z.enum(['ready', 'cancelled']),
  durationMs: z.number().nullable(),
  videoPath: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  /** Set when ffmpeg died or the disk filled: what was recorded up to then is in the clip. */
  error: z.string().nullable(),
});
export type RecordingResult = z.infer<typeof recordingResult>;

export const deviceInfo = z.object({ id: z.string(), name: z.string(), isDefault: z.boolean() });

export const recorderCalls = {
  'recorder:start': { input: recordRequest, pageInput: pageRecordRequest, output: z.object({ id: z.string() }) },
  'recorder:pause': { input: empty, output: recorderStatus },
  'recorder:resume': { input: empty, output: recorderStatus },
  'recorder:stop': { input: empty, output: recordingResult },
  'recorder:cancel': { input: empty, output: recorderStatus },
  'recorder:status': { input: empty, output: recorderStatus },
  'recorder:recover': { input: empty, output: z.object({ recovered: z.array(recordingResult) }) },
  'devices:list': {
    input: empty,
    output: z.object({
      platform: z.string(),
      screens: z.array(deviceInfo),
      cameras: z.array(deviceInfo),
      mics: z.array(deviceInfo),
    }),
  },
} as const;

/** What the recorder warns about: the transient ones while recording, and the fallbacks and failures that outlive it. */
export const recorderWarningKind = z.enum(['mic-silent', 'falling-behind', 'ffmpeg-died', 'disk-full', 'live-transcription-fallback', 'live-publish-fallback', 'share-link-failed']);
export type RecorderWarningKind = z.infer<typeof recorderWarningKind>;

export const recorderEvents = {
  'recorder:state': recorderStatus,
  'recorder:progress': z.object({
    id: z.string(),
    elapsedMs: z.number(),
    micLevelDb: z.number().nullable(),
    /** ffmpeg's real-time factor for the current part (average since the part started). */
    speed: z.number().nullable(),
    /** Frames duplicated / dropped to hold the frame rate in the current part: duplicates mean capture fell behind. */
    dupFrames: z.number(),
    dropFrames: z.number(),
    frames: z.number(),
  }),
  'recorder:warning': z.object({ id: z.string(), kind: recorderWarningKind, message: z.string() }),
} as const;
