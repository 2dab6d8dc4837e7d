// Non-destructive editing (DESIGN.md "Editing"): a clip's kept ranges, the operations that change them, undo/redo and
// reset, and the smart-cut render. Times are milliseconds of the original recording.
import { z } from 'zod';
import { clipId } from './clips';

const ms = z.number().finite().min(0).max(48 * 3_600_000);
const range = z.object({ startMs: ms, endMs: ms }).strict();

export const editOperation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trim'), startMs: ms.nullable().optional(), endMs: ms.nullable().optional() }).strict(),
  /** `snap`: each range is widened to whole words and its edges moved into silence within 150 ms (a transcript selection). */
  z.object({ kind: z.literal('cut'), ranges: z.array(range).min(1).max(1000), snap: z.boolean().default(false) }).strict(),
  /** Every occurrence of these words, as consecutive words of the transcript. */
  z.object({ kind: z.literal('cut-words'), text: z.string().trim().min(1).max(2000) }).strict(),
  z.object({ kind: z.literal('fillers') }).strict(),
  /** Silences longer than `minSeconds`, each leaving a short pause. */
  z.object({ kind: z.literal('silences'), minSeconds: z.number().min(0.3).max(600) }).strict(),
]);
export type EditOperation = z.infer<typeof editOperation>;

export const editState = z.object({
  clipId: z.string(),
  /** The original's duration. */
  durationMs: z.number(),
  editedDurationMs: z.number(),
  kept: z.array(z.object({ startMs: z.number(), endMs: z.number() })),
  removed: z.array(z.object({ startMs: z.number(), endMs: z.number() })),
  /** False when the whole clip is kept (no edit, or after reset). */
  edited: z.boolean(),
  version: z.number(),
  op: z.string().nullable(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  /** `current`: the rendered file is this edit; `stale`: the edit changed since; `none`: never rendered (or no edit). */
  render: z.object({
    state: z.enum(['none', 'current', 'stale']),
    durationMs: z.number().nullable(),
    sizeBytes: z.number().nullable(),
    renderedAt: z.string().nullable(),
    method: z.string().nullable(),
  }),
});
export type EditState = z.infer<typeof editState>;

const byClip = z.object({ clipId }).strict();

export const editsCalls = {
  'edits:get': { input: byClip, output: editState },
  'edits:apply': {
    input: z.object({ clipId, operation: editOperation }).strict(),
    /** `removedMs`: how much more of the clip this operation removed. */
    output: editState.extend({ removedMs: z.number() }),
  },
  'edits:undo': { input: byClip, output: editState },
  'edits:redo': { input: byClip, output: editState },
  'edits:reset': { input: byClip, output: editState },
  /** Renders the edited version (smart cut); `file` is its name in the clip's folder. */
  'edits:render': {
    input: byClip,
    output: z.object({
      clipId: z.string(),
      file: z.string(),
      durationMs: z.number(),
      sizeBytes: z.number(),
      seconds: z.number(),
      method: z.enum(['smart-cut', 're-encode']),
      copiedFrames: z.number(),
      encodedFrames: z.number(),
    }),
  },
} as const;

export const editsEvents = {
  'edits:changed': z.object({ clipId: z.string() }),
} as const;
