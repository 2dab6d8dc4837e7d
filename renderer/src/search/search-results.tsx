import { clipHref } from '../lib/route';
import { formatDuration } from '../lib/time';
import { HighlightedSnippet } from './highlighted-snippet';

export interface SearchHit {
  clipId: string;
  title: string;
  author: string;
  startMs: number;
  snippet: string;
}

export function SearchResults({ hits }: { hits: SearchHit[] }) {
  return (
    <ol className="search-results" aria-label="Results" data-testid="search-results">
      {hits.map((hit, i) => (
        <li key={`${hit.clipId}-${hit.startMs}-${i}`}>
          <a href={clipHref(hit.clipId, hit.startMs / 1000)} data-testid="search-hit">
            <span className="row-title">{hit.title || 'Untitled update'}</span>
            <span className="row-meta">
              {hit.author} · at {formatDuration(hit.startMs)}
            </span>
            <HighlightedSnippet snippet={hit.snippet} />
          </a>
        </li>
      ))}
    </ol>
  );
}
