// Pure parsers for what whisper-cli writes: `-pp` progress lines on stderr and the `-ojf` full JSON file.
import { z } from 'zod';
import type { Transcript, TranscriptSegment, TranscriptWord } from './types';

const PROGRESS_LINE = /progress\s*=\s*(\d{1,3})%/g;

/** The highest percent mentioned in a chunk of stderr, or null when the chunk has none. */
export function parseProgress(chunk: string): number | null {
  let best: number | null = null;
  for (const match of chunk.matchAll(PROGRESS_LINE)) {
    const value = Math.min(100, Number(match[1]));
    best = best === null ? value : Math.max(best, value);
  }
  return best;
}

const offsets = z.object({ from: z.number(), to: z.number() });

const token = z.object({
  text: z.string(),
  offsets: offsets.optional(),
  id: z.number().optional(),
  p: z.number().optional(),
});

const fullJson = z.object({
  result: z.object({ language: z.string() }).partial().optional(),
  params: z.object({ language: z.string() }).partial().optional(),
  transcription: z.array(z.object({ offsets, text: z.string(), tokens: z.array(token).optional() })),
});

/** Control tokens (`[_BEG_]`, `[_TT_42]`, `<|endoftext|>`) carry timing for the decoder, not text. */
function isSpecial(text: string): boolean {
  return text.length === 0 || /^\[_[A-Z0-9_]+\]$/.test(text) || /^<\|.*\|>$/.test(text);
}

/**
 * Whisper tokens are sub-word pieces; a piece that starts with a space begins a new word. A word's time runs from its
 * first piece's start to its last piece's end, and its confidence is the lowest of its pieces (one unsure piece makes
 * the word unsure).
 */
export function wordsFromTokens(tokens: z.infer<typeof token>[], segment: { startMs: number; endMs: number }): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  for (const piece of tokens) {
    if (isSpecial(piece.text)) continue;
    const start = piece.offsets?.from ?? segment.startMs;
    const end = piece.offsets?.to ?? segment.endMs;
    const p = piece.p ?? null;
    const last = words.at(-1);
    if (!last || /^\s/.test(piece.text)) {
      words.push({ startMs: start, endMs: Math.max(start, end), text: piece.text.trim(), p });
    } else {
      last.text += piece.text;
      last.endMs = Math.max(last.endMs, end);
      last.p = last.p === null || p === null ? (last.p ?? p) : Math.min(last.p, p);
    }
  }
  return words.filter((word) => word.text.length > 0);
}

/**
 * Turns whisper-cli's full JSON into a transcript. Times are clamped to [0, durationMs] when the duration is known and
 * made non-decreasing: whisper occasionally reports a segment that starts a few ms before the previous one ended.
 */
export function parseWhisperJson(raw: string, durationMs: number | null): Transcript {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new Error(`whisper-cli wrote JSON that does not parse: ${(error as Error).message}`);
  }
  const parsed = fullJson.safeParse(data);
  if (!parsed.success) throw new Error(`whisper-cli JSON has an unexpected shape: ${parsed.error.issues[0]?.message}`);
  const limit = durationMs ?? Number.POSITIVE_INFINITY;
  const clamp = (ms: number) => Math.max(0, Math.min(limit, Math.round(ms)));
  const segments: TranscriptSegment[] = [];
  let floor = 0;
  for (const item of parsed.data.transcription) {
    const startMs = Math.max(floor, clamp(item.offsets.from));
    const endMs = Math.max(startMs, clamp(item.offsets.to));
    const text = item.text.trim();
    if (!text) continue;
    const words = wordsFromTokens(item.tokens ?? [], { startMs, endMs }).map((word) => {
      const wordStart = Math.min(endMs, Math.max(startMs, clamp(word.startMs)));
      return { ...word, startMs: wordStart, endMs: Math.min(endMs, Math.max(wordStart, clamp(word.endMs))) };
    });
    segments.push({ startMs, endMs, text, words });
    floor = endMs;
  }
  const language = parsed.data.result?.language ?? parsed.data.params?.language ?? 'und';
  return { language, segments };
}
