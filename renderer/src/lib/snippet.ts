// Search snippets arrive with the matched words wrapped in markers. This is the one place that knows the markers, so a
// change of format on the search side is a change here only.
export const SNIPPET_OPEN = '[';
export const SNIPPET_CLOSE = ']';

export interface SnippetPart {
  text: string;
  match: boolean;
}

export function parseSnippet(snippet: string, open = SNIPPET_OPEN, close = SNIPPET_CLOSE): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += text;
    else parts.push({ text, match });
  };
  let at = 0;
  while (at < snippet.length) {
    const start = snippet.indexOf(open, at);
    const end = start === -1 ? -1 : snippet.indexOf(close, start + open.length);
    // An unbalanced marker is ordinary text: a transcript can contain brackets.
    if (start === -1 || end === -1) {
      push(snippet.slice(at), false);
      break;
    }
    push(snippet.slice(at, start), false);
    push(snippet.slice(start + open.length, end), true);
    at = end + close.length;
  }
  return parts;
}

/** Wraps every case-insensitive occurrence of the query's words in markers (for title matches made on this side). */
export function markMatches(text: string, query: string, open = SNIPPET_OPEN, close = SNIPPET_CLOSE): string {
  const words = query.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return text;
  return text.replace(new RegExp(`(${words.join('|')})`, 'gi'), `${open}$1${close}`);
}
