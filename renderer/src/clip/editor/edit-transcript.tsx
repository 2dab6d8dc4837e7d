// Edit by transcript: every word with its times, cut words struck through. Select words (mouse or Shift+arrows in
// the text) and press Cut selection: the cut is snapped to whole words and into nearby silence by the core.
import { useRef } from 'react';
import type { Range } from '../../../../shared/edit/ranges';
import { isRemoved } from '../../../../shared/edit/ranges';
import type { EditSegment } from '../../../../shared/edit/words';

/** The time span of the words a DOM selection touches inside `root`, or null. */
export function selectedSpan(root: HTMLElement | null): Range | null {
  const selection = window.getSelection();
  if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const words = [...root.querySelectorAll<HTMLElement>('[data-start]')].filter((w) => range.intersectsNode(w));
  if (words.length === 0) return null;
  return { startMs: Number(words[0].dataset.start), endMs: Number(words.at(-1)!.dataset.end) };
}

export function EditTranscript({ segments, kept, onSeek, textRef }: { segments: EditSegment[]; kept: Range[]; onSeek: (ms: number) => void; textRef: React.RefObject<HTMLDivElement | null> }) {
  const local = useRef<HTMLDivElement>(null);
  const ref = textRef ?? local;
  return (
    <div ref={ref} className="edit-words" data-testid="edit-transcript" tabIndex={0} aria-label="Transcript words; select some and press Cut selection">
      {segments.map((segment, i) => (
        <p key={`${segment.startMs}-${i}`}>
          {segment.words.map((w, k) => {
            const cut = isRemoved(kept, (w.startMs + w.endMs) / 2);
            const word = (
              <span data-start={w.startMs} data-end={w.endMs} onDoubleClick={() => onSeek(w.startMs)}>
                {w.text.trim()}
              </span>
            );
            return (
              <span key={k}>
                {cut ? <s data-testid="cut-word">{word}</s> : word}{' '}
              </span>
            );
          })}
        </p>
      ))}
    </div>
  );
}
