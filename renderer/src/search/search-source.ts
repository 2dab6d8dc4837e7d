// Phase-1 search: titles of the newest clips, matched here and marked like the transcript index marks its snippets.
// `search:query` (full-text over transcripts, ranked) replaces this function when it lands.
import type { HandoffApi } from '../../../shared/bridge';
import { markMatches } from '../lib/snippet';
import type { SearchHit } from './search-results';

export async function searchClips(api: HandoffApi, query: string): Promise<SearchHit[]> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const { clips } = await api.clips.list({ limit: 500 });
  return clips
    .filter((clip) => words.every((w) => `${clip.title} ${clip.author} ${clip.ask ?? ''}`.toLowerCase().includes(w)))
    .slice(0, 50)
    .map((clip) => ({ clipId: clip.id, title: clip.title, author: clip.author, startMs: 0, snippet: markMatches(clip.title || clip.ask || '', query) }));
}
