// Local transcription: transcripts of clips, the job queue that makes them, and the Whisper models folder.
import { z } from 'zod';
import { clipId } from './clips';

export const transcriptState = z.enum(['none', 'queued', 'running', 'done', 'failed', 'cancelled', 'no-model']);
export type TranscriptState = z.infer<typeof transcriptState>;
export const jobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

const word = z.object({ startMs: z.number(), endMs: z.number(), text: z.string(), p: z.number().nullable() });
export const transcriptSegment = z.object({ startMs: z.number(), endMs: z.number(), text: z.string(), words: z.array(word) });

export const jobSummary = z.object({
  id: z.number(),
  clipId: z.string(),
  state: jobState,
  progress: z.number(),
  attempts: z.number(),
  error: z.string().nullable(),
  model: z.string().nullable(),
  language: z.string().nullable(),
  runAfterMs: z.number(),
  updatedAt: z.string(),
});
export type JobSummary = z.infer<typeof jobSummary>;

export const modelEntry = z.object({
  name: z.string(),
  known: z.boolean(),
  installed: z.boolean(),
  isDefault: z.boolean(),
  sizeBytes: z.number().nullable(),
  description: z.string(),
});

const modelName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'not a model name');
const language = z.string().regex(/^(auto|[a-z]{2,3})$/, 'expected auto or a language code such as en');

/**
 * Transcription while recording, for the recorder's HUD: 'running' (as each window is transcribed), 'fallback' (it
 * could not keep up: transcribed after stop), 'unavailable' (no recognizer to run live, e.g. no model), 'done'
 * (the transcript is saved).
 */
export const liveTranscriptState = z.object({
  clipId: z.string(),
  state: z.enum(['running', 'fallback', 'unavailable', 'done']),
  windows: z.number(),
  /** Recorded audio transcribed so far. */
  audioMs: z.number(),
  reason: z.string().nullable(),
});

export type LiveTranscriptState = z.infer<typeof liveTranscriptState>;

export const transcriptionCalls = {
  'transcripts:get': {
    input: z.object({ clipId }).strict(),
    output: z.object({
      clipId: z.string(),
      state: transcriptState,
      language: z.string().nullable(),
      segments: z.array(transcriptSegment),
      job: jobSummary.nullable(),
      /** Set when the clip cannot be transcribed yet and the user can fix it (e.g. no model installed). */
      hint: z.string().nullable(),
    }),
  },
  'transcripts:start': {
    input: z.object({ clipId, model: modelName.optional(), language: language.optional() }).strict(),
    output: jobSummary.nullable(),
  },
  /** The live pass's latest `transcripts:live` state for a recording (null: none yet), for a page that opens late. */
  'transcripts:liveState': {
    input: z.object({ clipId }).strict(),
    output: liveTranscriptState.nullable(),
  },
  'transcripts:cancel': {
    input: z.object({ clipId }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'jobs:list': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.object({ jobs: z.array(jobSummary) }),
  },
  'models:list': {
    input: z.object({}).strict(),
    output: z.object({ models: z.array(modelEntry), hint: z.string().nullable() }),
  },
  'models:download': {
    input: z.object({ name: modelName }).strict(),
    output: z.object({ name: z.string(), sizeBytes: z.number() }),
  },
  'models:use': {
    input: z.object({ name: modelName }).strict(),
    output: z.object({ name: z.string() }),
  },
} as const;

export const transcriptionEvents = {
  'jobs:progress': jobSummary,
  'models:progress': z.object({ name: z.string(), receivedBytes: z.number(), totalBytes: z.number() }),
  'transcripts:live': liveTranscriptState,
} as const;
