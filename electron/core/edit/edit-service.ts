// Editing a clip (DESIGN.md "Editing"): operations on its kept ranges (trim, cuts, transcript selections snapped to
// words and silence, filler words, long silences), undo/redo/reset, and the smart-cut render of the edited version.
// The original file is never written; the render goes next to it as edited.mp4 (see edited-media.ts).
import { readdir, rm, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { EditOperation, EditState } from '../../../shared/contract/edits';
import { formatVtt } from '../../../shared/captions';
import { applyCuts, applyTrim, isWhole, keptDuration, originalToEdited, removedRanges, wholeClip, type EditOutcome, type Range } from '../../../shared/edit/ranges';
import { allWords, fillerCuts, findPhrase, shiftTranscript, silenceCuts, snapCut } from '../../../shared/edit/words';
import { HandoffError } from '../../../shared/result';
import type { EventBus } from '../api/event-bus';
import { clipDir, getClip } from '../library/clips-store';
import type { Db } from '../library/database';
import type { Logger } from '../logger';
import { ffprobeNextTo } from '../media/probe';
import { getTranscript } from '../transcribe/transcript-store';
import { EDITED, type EditedInfo } from './edited-media';
import { createEditStore, keptKey } from './edit-store';
import { detectSilences } from './silences';
import { smartCut, type SmartCutResult } from './smart-cut';

export interface EditServiceDeps {
  db: Db;
  clipsDir: string;
  ffmpeg: () => Promise<string | null>;
  clock: () => Date;
  logger: Logger;
  events: EventBus;
}

export type EditService = ReturnType<typeof createEditService>;

function must<T>(outcome: EditOutcome<T>): T {
  if (!outcome.ok) throw new HandoffError('invalid-input', outcome.message);
  return outcome.value;
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

export function createEditService(deps: EditServiceDeps) {
  const { db } = deps;
  const store = createEditStore(db);
  const renders = new Map<string, Promise<SmartCutResult>>();

  async function ffmpegPath(): Promise<string> {
    const found = await deps.ffmpeg();
    if (!found) throw new HandoffError('unavailable', 'ffmpeg was not found; run `handoff doctor` for how to install it.');
    return found;
  }

  function clipOf(clipId: string) {
    const clip = getClip(db, clipId);
    if (clip.source === 'workspace') throw new HandoffError('invalid-input', `Clip ${clipId} is a teammate's update; only its author edits it.`);
    if (clip.state !== 'ready') throw new HandoffError('invalid-input', `Clip ${clipId} is ${clip.state}; only a ready clip can be edited.`);
    if (!clip.duration_ms) throw new HandoffError('invalid-input', `Clip ${clipId} has no known duration, so it cannot be edited.`);
    return { clip, durationMs: clip.duration_ms, video: path.join(clipDir(deps.clipsDir, clipId), 'video.mp4') };
  }

  function state(clipId: string): EditState {
    const { durationMs } = clipOf(clipId);
    const cursor = store.cursor(clipId);
    const kept = cursor.kept ?? wholeClip(durationMs);
    const row = store.row(clipId);
    const edited = !isWhole(kept, durationMs);
    const renderedKey = row?.rendered_kept ?? null;
    return {
      clipId,
      durationMs,
      editedDurationMs: keptDuration(kept),
      kept,
      removed: removedRanges(kept, durationMs),
      edited,
      version: cursor.version,
      op: cursor.op,
      canUndo: cursor.canUndo,
      canRedo: cursor.canRedo,
      render: {
        state: !edited || renderedKey === null ? 'none' : renderedKey === keptKey(kept) ? 'current' : 'stale',
        durationMs: row?.rendered_duration_ms ?? null,
        sizeBytes: row?.rendered_size ?? null,
        renderedAt: row?.rendered_at ?? null,
        method: row?.rendered_method ?? null,
      },
    };
  }

  /** The kept ranges an operation leads to, and a short label for the history. */
  async function nextKept(clipId: string, kept: Range[], durationMs: number, video: string, operation: EditOperation): Promise<{ kept: Range[]; op: string }> {
    switch (operation.kind) {
      case 'trim':
        return { kept: must(applyTrim(kept, operation, durationMs)), op: 'trim' };
      case 'cut': {
        let ranges = operation.ranges;
        if (operation.snap) {
          const words = allWords(getTranscript(db, clipId)?.segments ?? []);
          const silences = await detectSilences(await ffmpegPath(), video, { minSeconds: 0.05, durationMs });
          ranges = ranges.map((r) => snapCut(r, words, silences));
        }
        return { kept: must(applyCuts(kept, ranges, durationMs)), op: operation.snap ? 'cut selection' : 'cut' };
      }
      case 'cut-words': {
        const words = allWords(getTranscript(db, clipId)?.segments ?? []);
        if (words.length === 0) throw new HandoffError('invalid-input', 'This clip has no transcript with word timings, so words cannot be cut by their text.');
        const found = findPhrase(words, operation.text);
        if (found.length === 0) throw new HandoffError('not-found', `"${operation.text}" is not in the transcript.`);
        const silences = await detectSilences(await ffmpegPath(), video, { minSeconds: 0.05, durationMs });
        return { kept: must(applyCuts(kept, found.map((r) => snapCut(r, words, silences)), durationMs)), op: `cut "${operation.text.slice(0, 40)}"` };
      }
      case 'fillers': {
        const transcript = getTranscript(db, clipId);
        const cuts = must(fillerCuts(transcript?.segments ?? [], transcript?.language ?? null));
        if (cuts.length === 0) throw new HandoffError('not-found', 'No filler words (um, uh, erm, hmm…) were found in the transcript.');
        return { kept: must(applyCuts(kept, cuts, durationMs)), op: `remove ${cuts.length} filler word${cuts.length === 1 ? '' : 's'}` };
      }
      case 'silences': {
        const silences = await detectSilences(await ffmpegPath(), video, { minSeconds: operation.minSeconds, durationMs });
        const cuts = silenceCuts(silences, operation.minSeconds * 1000);
        if (cuts.length === 0) throw new HandoffError('not-found', `No silence longer than ${operation.minSeconds} s was found.`);
        return { kept: must(applyCuts(kept, cuts, durationMs)), op: `remove ${cuts.length} silence${cuts.length === 1 ? '' : 's'}` };
      }
    }
  }

  /**
   * What a render killed mid-way (kill -9, power loss) left: its work folder and temp file, never the final name. The
   * next render of the clip clears them; renders of one clip never overlap (see `renders`).
   */
  async function removeLeftovers(dir: string): Promise<void> {
    const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const stale = names.filter((name) => name.startsWith('.render-') || (name.startsWith(`${EDITED.video}.`) && name.endsWith('.tmp')));
    await Promise.all(stale.map((name) => rm(path.join(dir, name), { recursive: true, force: true })));
    if (stale.length > 0) deps.logger.info('removed what an interrupted render left', { dir, stale });
  }

  const changed = (clipId: string) => deps.events.emit('edits:changed', { clipId });

  async function render(clipId: string, signal?: AbortSignal): Promise<SmartCutResult> {
    const running = renders.get(clipId);
    if (running) return running;
    const pending = (async () => {
      const { durationMs, video } = clipOf(clipId);
      const kept = store.cursor(clipId).kept;
      if (!kept || isWhole(kept, durationMs)) throw new HandoffError('invalid-input', `Clip ${clipId} has no edit to render; the original is the clip.`);
      const ffmpeg = await ffmpegPath();
      const dir = clipDir(deps.clipsDir, clipId);
      await removeLeftovers(dir);
      const result = await smartCut({ ffmpeg, ffprobe: ffprobeNextTo(ffmpeg), input: video, output: path.join(dir, EDITED.video), kept, signal });
      const transcript = getTranscript(db, clipId);
      const info: EditedInfo = { kept, durationMs: result.durationMs, language: transcript?.language ?? null, segments: shiftTranscript(transcript?.segments ?? [], kept) };
      await writeAtomic(path.join(dir, EDITED.captions), formatVtt(info.segments));
      await writeAtomic(path.join(dir, EDITED.info), JSON.stringify(info));
      store.recordRender(clipId, kept, { at: deps.clock(), durationMs: result.durationMs, sizeBytes: result.sizeBytes, method: result.method });
      changed(clipId);
      return result;
    })().finally(() => renders.delete(clipId));
    renders.set(clipId, pending);
    return pending;
  }

  /** Back to the whole clip: the rendered files go too, so nothing serves a version the author cleared. */
  async function dropRender(clipId: string): Promise<void> {
    const dir = clipDir(deps.clipsDir, clipId);
    await Promise.all(Object.values(EDITED).map((name) => rm(path.join(dir, name), { force: true })));
    store.recordRender(clipId, null, null);
  }

  async function afterMove(clipId: string): Promise<EditState> {
    const now = state(clipId);
    if (!now.edited) await dropRender(clipId);
    changed(clipId);
    return state(clipId);
  }

  return {
    store,
    get: state,
    async apply(clipId: string, operation: EditOperation): Promise<EditState & { removedMs: number }> {
      const { durationMs, video } = clipOf(clipId);
      const kept = store.cursor(clipId).kept ?? wholeClip(durationMs);
      const next = await nextKept(clipId, kept, durationMs, video, operation);
      const removedMs = keptDuration(kept) - keptDuration(next.kept);
      if (removedMs === 0 && operation.kind !== 'trim') throw new HandoffError('invalid-input', 'That part of the clip is already cut.');
      store.push(clipId, isWhole(next.kept, durationMs) ? null : next.kept, next.op, deps.clock());
      return { ...(await afterMove(clipId)), removedMs };
    },
    async undo(clipId: string): Promise<EditState> {
      clipOf(clipId);
      if (!store.step(clipId, -1)) throw new HandoffError('invalid-input', 'Nothing to undo.');
      return afterMove(clipId);
    },
    async redo(clipId: string): Promise<EditState> {
      clipOf(clipId);
      if (!store.step(clipId, 1)) throw new HandoffError('invalid-input', 'Nothing to redo.');
      return afterMove(clipId);
    },
    async reset(clipId: string): Promise<EditState> {
      clipOf(clipId);
      if (store.cursor(clipId).kept === null) return state(clipId);
      store.push(clipId, null, 'reset', deps.clock());
      return afterMove(clipId);
    },
    render,
    /**
     * For publishing and sharing: renders the edited version first when the edit has changed since the last render.
     * A clip without an edit needs nothing.
     */
    async ensureRendered(clipId: string): Promise<void> {
      const clip = getClip(db, clipId);
      if (clip.source === 'workspace' || clip.state !== 'ready' || !clip.duration_ms) return;
      const now = state(clipId);
      if (now.edited && now.render.state !== 'current') await render(clipId);
    },
    /** Original time → the second of the edited version (search hits); the same time when the clip has no edit. */
    editedTime(clipId: string, originalMs: number): number {
      const kept = store.cursor(clipId).kept;
      return kept ? originalToEdited(kept, originalMs) : originalMs;
    },
  };
}
