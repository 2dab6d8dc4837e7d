import { Emoji } from '../design/emoji';
import { formatDuration } from '../lib/time';

export interface Reaction {
  id: string;
  atMs: number;
  emoji: string;
  author: string;
  /** What the marker says to a screen reader; defaults to "<author> reacted <emoji> at <time>". */
  label?: string;
}

/** Reactions and timed comments placed along the clip's timeline; each is a button that seeks to its moment. */
export function ReactionMarkers({ reactions, durationMs, onSeek }: { reactions: Reaction[]; durationMs: number | null; onSeek: (ms: number) => void }) {
  if (!durationMs || reactions.length === 0) return null;
  return (
    <div className="reaction-track" role="group" aria-label="Reactions on the timeline" data-testid="reaction-markers">
      {reactions.map((r) => {
        const at = formatDuration(r.atMs) ?? '0:00';
        return (
          <button
            key={r.id}
            type="button"
            className="reaction-marker"
            style={{ left: `${Math.min(100, (r.atMs / durationMs) * 100)}%` }}
            aria-label={r.label ?? `${r.author} reacted ${r.emoji} at ${at}`}
            title={r.label ?? `${r.author} at ${at}`}
            onClick={() => onSeek(r.atMs)}
          >
            <Emoji emoji={r.emoji} />
          </button>
        );
      })}
    </div>
  );
}
