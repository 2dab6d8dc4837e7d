import { parseSnippet } from '../lib/snippet';

export function HighlightedSnippet({ snippet }: { snippet: string }) {
  return (
    <span className="snippet">
      {parseSnippet(snippet).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  );
}
