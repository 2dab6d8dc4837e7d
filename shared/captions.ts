// Caption files from transcript segments. Pure functions: the same text is written next to the video, published to a
// workspace and served by the player page, so it is formatted in exactly one place.

export interface CaptionSegment {
  startMs: number;
  endMs: number;
  text: string;
}

function clock(ms: number, fractionSeparator: '.' | ','): string {
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const millis = total % 1000;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fractionSeparator}${pad(millis, 3)}`;
}

/** `HH:MM:SS.mmm`, the WebVTT timestamp (hours always present, so any length of clip fits). */
export function vttTimestamp(ms: number): string {
  return clock(ms, '.');
}

/** `HH:MM:SS,mmm`, the SubRip timestamp. */
export function srtTimestamp(ms: number): string {
  return clock(ms, ',');
}

/**
 * Cue text must not contain a blank line (it would end the cue) nor, in WebVTT, the `-->` arrow; `<` and `&` would be
 * read as markup by WebVTT. Whitespace runs collapse to one space.
 */
function cueText(text: string, escapeMarkup: boolean): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/-->/g, '→');
  return escapeMarkup ? flat.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : flat;
}

/** Segments with no text are skipped; an end before its start is clamped so players never reject the file. */
function cues(segments: readonly CaptionSegment[], escapeMarkup: boolean) {
  return segments
    .map((segment) => ({
      start: Math.max(0, segment.startMs),
      end: Math.max(segment.startMs, segment.endMs),
      text: cueText(segment.text, escapeMarkup),
    }))
    .filter((cue) => cue.text.length > 0);
}

export function formatVtt(segments: readonly CaptionSegment[]): string {
  const body = cues(segments, true)
    .map((cue) => `${vttTimestamp(cue.start)} --> ${vttTimestamp(cue.end)}\n${cue.text}\n`)
    .join('\n');
  return body ? `WEBVTT\n\n${body}` : 'WEBVTT\n';
}

export function formatSrt(segments: readonly CaptionSegment[]): string {
  return cues(segments, false)
    .map((cue, index) => `${index + 1}\n${srtTimestamp(cue.start)} --> ${srtTimestamp(cue.end)}\n${cue.text}\n`)
    .join('\n');
}
