// Search over the library's full-text index (`search:query`): titles, context, asks, transcripts and decisions,
// ranked; snippets arrive with matched words wrapped in [ ].
import type { HandoffApi } from '../../../shared/bridge';
import type { SearchHit } from './search-results';

export async function searchClips(api: HandoffApi, query: string): Promise<SearchHit[]> {
  if (!query.trim()) return [];
  const { hits } = await api.search.query({ query, limit: 50 });
  return hits.map((hit) => ({ clipId: hit.clipId, title: hit.title, author: hit.author, startMs: hit.startMs ?? 0, snippet: hit.snippet }));
}
