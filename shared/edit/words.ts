// Cuts made from the transcript: snapping a selection to word edges and into nearby silence, filler words, long
// silences, and the transcript shifted to edited time. Pure, shared by the core and the renderer's preview.
import { type EditOutcome, type Range, isRemoved, mergeRanges, originalToEdited } from './ranges';

export interface EditWord {
  startMs: number;
  endMs: number;
  text: string;
  p?: number | null;
}

export interface EditSegment {
  startMs: number;
  endMs: number;
  text: string;
  words: EditWord[];
}

/** How far a cut edge may move to land in silence (issue 18: "the nearest silence within 150 ms"). */
export const SILENCE_SNAP_MS = 150;

/** Filler words per language (ISO 639-1). English at least um, uh, erm, hmm. */
export const FILLERS: Record<string, readonly string[]> = {
  en: ['um', 'umm', 'uh', 'uhh', 'uhm', 'erm', 'er', 'hmm', 'hm', 'mm', 'ah'],
};

/** Lower case without surrounding punctuation: "Um," → "um". */
export function bareWord(text: string): string {
  return text.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** The point of the nearest silence within `maxMs` of t (t itself when already silent), or t when none is that close. */
export function snapToSilence(t: number, silences: readonly Range[], maxMs = SILENCE_SNAP_MS): number {
  let best = t;
  let bestDistance = Infinity;
  for (const silence of silences) {
    const point = Math.min(Math.max(t, silence.startMs), silence.endMs);
    const distance = Math.abs(point - t);
    if (distance <= maxMs && distance < bestDistance) {
      best = point;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * A selection [start, end) snapped outward to whole words (a word the selection touches is cut whole), then each edge
 * moved into the nearest silence within 150 ms, so a cut never clips the start or tail of a word.
 */
export function snapCut(cut: Range, words: readonly EditWord[], silences: readonly Range[], maxMs = SILENCE_SNAP_MS): Range {
  let { startMs, endMs } = cut;
  for (const word of words) {
    if (word.startMs < startMs && word.endMs > startMs) startMs = word.startMs;
    if (word.startMs < endMs && word.endMs > endMs) endMs = word.endMs;
  }
  // An edge only moves into silence away from the words it keeps: the start backwards no further than the previous
  // word's end, the end forwards no further than the next word's start.
  const previousEnd = Math.max(-Infinity, ...words.filter((w) => w.endMs <= startMs).map((w) => w.endMs));
  const nextStart = Math.min(Infinity, ...words.filter((w) => w.startMs >= endMs).map((w) => w.startMs));
  const snappedStart = Math.max(snapToSilence(startMs, silences, maxMs), previousEnd);
  const snappedEnd = Math.min(snapToSilence(endMs, silences, maxMs), nextStart);
  return { startMs: Math.min(snappedStart, startMs + maxMs), endMs: Math.max(snappedEnd, endMs - maxMs) };
}

export function allWords(segments: readonly EditSegment[]): EditWord[] {
  return segments.flatMap((segment) => segment.words);
}

/** The words whose text matches `phrase` (case and punctuation ignored) as one run of consecutive words: every match. */
export function findPhrase(words: readonly EditWord[], phrase: string): Range[] {
  const wanted = phrase.split(/\s+/).map(bareWord).filter(Boolean);
  if (wanted.length === 0) return [];
  const bare = words.map((w) => bareWord(w.text));
  const found: Range[] = [];
  for (let i = 0; i + wanted.length <= bare.length; i++) {
    if (wanted.every((w, k) => bare[i + k] === w)) found.push({ startMs: words[i].startMs, endMs: words[i + wanted.length - 1].endMs });
  }
  return found;
}

/** The ranges of filler words, or a refusal that says why there are none to find. */
export function fillerCuts(segments: readonly EditSegment[], language: string | null): EditOutcome<Range[]> {
  const list = FILLERS[(language ?? 'en').slice(0, 2).toLowerCase()] ?? (language ? null : FILLERS.en);
  if (!list) return { ok: false, message: `There is no filler-word list for language "${language}" yet (only ${Object.keys(FILLERS).join(', ')}).` };
  if (segments.length === 0) return { ok: false, message: 'This clip has no transcript yet; filler words are found in its word timings.' };
  const words = allWords(segments);
  if (words.length === 0) return { ok: false, message: 'This clip\'s transcript has no word timings (its engine gave segments only), so filler words cannot be found.' };
  return { ok: true, value: words.filter((w) => list.includes(bareWord(w.text))).map((w) => ({ startMs: w.startMs, endMs: w.endMs })) };
}

/**
 * Cuts for silences longer than `minMs`, each leaving `pauseMs` of pause (half before the cut, half after), so speech
 * keeps a natural breath instead of running words together.
 */
export function silenceCuts(silences: readonly Range[], minMs: number, pauseMs = 400): Range[] {
  const half = Math.round(pauseMs / 2);
  return silences
    .filter((s) => s.endMs - s.startMs > minMs && s.endMs - s.startMs > pauseMs)
    .map((s) => ({ startMs: s.startMs + half, endMs: s.endMs - half }));
}

/** ffmpeg `silencedetect` stderr → silent ranges in ms (a silence still open at the end runs to `durationMs`). */
export function parseSilences(stderr: string, durationMs: number): Range[] {
  const ranges: Range[] = [];
  let open: number | null = null;
  for (const line of stderr.split('\n')) {
    const start = /silence_start:\s*(-?[\d.]+)/.exec(line);
    if (start) open = Math.max(0, Math.round(Number(start[1]) * 1000));
    const end = /silence_end:\s*([\d.]+)/.exec(line);
    if (end && open !== null) {
      ranges.push({ startMs: open, endMs: Math.round(Number(end[1]) * 1000) });
      open = null;
    }
  }
  if (open !== null && open < durationMs) ranges.push({ startMs: open, endMs: durationMs });
  return mergeRanges(ranges);
}

/**
 * The transcript in edited time: removed words dropped, the rest shifted; a segment keeps its kept words (its text
 * rebuilt from them) and is dropped when nothing of it is kept. Segments without word timings are kept by their span.
 */
export function shiftTranscript<S extends EditSegment>(segments: readonly S[], kept: readonly Range[]): EditSegment[] {
  const out: EditSegment[] = [];
  for (const segment of segments) {
    if (segment.words.length > 0) {
      const words = segment.words.filter((w) => !isRemoved(kept, (w.startMs + w.endMs) / 2));
      if (words.length === 0) continue;
      const shifted = words.map((w) => ({ ...w, startMs: originalToEdited(kept, w.startMs), endMs: originalToEdited(kept, w.endMs) }));
      const text = words.length === segment.words.length ? segment.text : words.map((w) => w.text.trim()).join(' ');
      out.push({ startMs: originalToEdited(kept, Math.min(segment.startMs, words[0].startMs)), endMs: shifted.at(-1)!.endMs, text, words: shifted });
      continue;
    }
    const startMs = originalToEdited(kept, segment.startMs);
    const endMs = originalToEdited(kept, segment.endMs);
    if (endMs > startMs) out.push({ startMs, endMs, text: segment.text, words: [] });
  }
  return out;
}
