// An edit is the list of kept ranges of the original recording (DESIGN.md "Editing"). Pure functions over half-open
// millisecond ranges [startMs, endMs): the edit store, the renderer's preview and the smart-cut render all use these,
// so "what is kept" and "where is original second t in the edited video" are answered in exactly one place.

export interface Range {
  startMs: number;
  endMs: number;
}

export type EditOutcome<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): EditOutcome<T> => ({ ok: true, value });
const refuse = <T>(message: string): EditOutcome<T> => ({ ok: false, message });

const fmt = (ms: number) => `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')} s`;

/** The whole clip kept: what "no edit" means. */
export function wholeClip(durationMs: number): Range[] {
  return [{ startMs: 0, endMs: durationMs }];
}

/** Sorted, with overlapping and touching ranges merged. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.startMs <= last.endMs) last.endMs = Math.max(last.endMs, range.endMs);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * Checks cuts against the clip: an empty or reversed cut and one outside the clip are refused with a sentence that
 * names it; overlapping cuts are merged. A cut that pokes past the end by under a millisecond of rounding is clamped.
 */
export function normalizeCuts(cuts: readonly Range[], durationMs: number): EditOutcome<Range[]> {
  if (cuts.length === 0) return refuse('Nothing to cut: give at least one range.');
  for (const cut of cuts) {
    if (!Number.isFinite(cut.startMs) || !Number.isFinite(cut.endMs)) return refuse('A cut needs a start and an end in seconds.');
    if (cut.endMs <= cut.startMs) return refuse(`The cut ${fmt(cut.startMs)}–${fmt(cut.endMs)} is empty: its end must come after its start.`);
    if (cut.startMs < 0 || cut.startMs >= durationMs || cut.endMs > durationMs + 1) {
      return refuse(`The cut ${fmt(cut.startMs)}–${fmt(cut.endMs)} is outside the clip (0–${fmt(durationMs)}).`);
    }
  }
  return ok(mergeRanges(cuts.map((cut) => ({ startMs: cut.startMs, endMs: Math.min(cut.endMs, durationMs) }))));
}

/** Kept ranges minus the cuts; ranges shorter than `minKeepMs` (slivers between two cuts) are dropped too. */
export function subtractRanges(kept: readonly Range[], cuts: readonly Range[], minKeepMs = 1): Range[] {
  let result = mergeRanges(kept);
  for (const cut of mergeRanges(cuts)) {
    const next: Range[] = [];
    for (const range of result) {
      if (cut.endMs <= range.startMs || cut.startMs >= range.endMs) {
        next.push(range);
        continue;
      }
      if (cut.startMs > range.startMs) next.push({ startMs: range.startMs, endMs: cut.startMs });
      if (cut.endMs < range.endMs) next.push({ startMs: cut.endMs, endMs: range.endMs });
    }
    result = next;
  }
  return result.filter((range) => range.endMs - range.startMs >= minKeepMs);
}

/** Applies cuts to the current kept ranges; refuses an edit that would keep nothing. */
export function applyCuts(kept: readonly Range[], cuts: readonly Range[], durationMs: number): EditOutcome<Range[]> {
  const normalized = normalizeCuts(cuts, durationMs);
  if (!normalized.ok) return normalized;
  const next = subtractRanges(kept, normalized.value);
  if (next.length === 0) return refuse('That would cut the whole clip; keep at least part of it (or delete the clip).');
  return ok(next);
}

/** Trim: keep only [startMs, endMs) of the clip's timeline (either side may be left as it is). */
export function applyTrim(kept: readonly Range[], trim: { startMs?: number | null; endMs?: number | null }, durationMs: number): EditOutcome<Range[]> {
  const start = trim.startMs ?? 0;
  const end = trim.endMs ?? durationMs;
  if (start < 0 || end > durationMs + 1) return refuse(`A trim must stay inside the clip (0–${fmt(durationMs)}).`);
  if (end <= start) return refuse(`Trimming to ${fmt(start)}–${fmt(end)} would keep nothing: the end must come after the start.`);
  const cuts: Range[] = [];
  if (start > 0) cuts.push({ startMs: 0, endMs: start });
  if (end < durationMs) cuts.push({ startMs: end, endMs: durationMs });
  if (cuts.length === 0) return ok(mergeRanges(kept));
  return applyCuts(kept, cuts, durationMs);
}

/** The removed ranges: the complement of `kept` in [0, durationMs). */
export function removedRanges(kept: readonly Range[], durationMs: number): Range[] {
  return subtractRanges(wholeClip(durationMs), kept);
}

export function keptDuration(kept: readonly Range[]): number {
  return kept.reduce((sum, range) => sum + (range.endMs - range.startMs), 0);
}

/** True when the kept ranges are the whole clip (no edit at all). */
export function isWhole(kept: readonly Range[], durationMs: number): boolean {
  return kept.length === 1 && kept[0].startMs <= 0 && kept[0].endMs >= durationMs;
}

/**
 * Original time → edited time. A time inside a removed range maps to where the next kept range starts in the edited
 * video (what plays after the cut); past the end it maps to the edited end.
 */
export function originalToEdited(kept: readonly Range[], originalMs: number): number {
  let edited = 0;
  for (const range of kept) {
    if (originalMs < range.startMs) return edited;
    if (originalMs < range.endMs) return edited + (originalMs - range.startMs);
    edited += range.endMs - range.startMs;
  }
  return edited;
}

/** Edited time → original time (the instant of the original recording shown at that edited moment). */
export function editedToOriginal(kept: readonly Range[], editedMs: number): number {
  let remaining = Math.max(0, editedMs);
  for (const range of kept) {
    const length = range.endMs - range.startMs;
    if (remaining < length) return range.startMs + remaining;
    remaining -= length;
  }
  return kept.at(-1)?.endMs ?? 0;
}

/** Whether original instant t is removed by the edit. */
export function isRemoved(kept: readonly Range[], originalMs: number): boolean {
  return !kept.some((range) => originalMs >= range.startMs && originalMs < range.endMs);
}

/** Where playback at original time t should continue: t itself when kept, else the start of the next kept range (null: none). */
export function nextKeptTime(kept: readonly Range[], originalMs: number): number | null {
  for (const range of kept) {
    if (originalMs < range.startMs) return range.startMs;
    if (originalMs < range.endMs) return originalMs;
  }
  return null;
}
