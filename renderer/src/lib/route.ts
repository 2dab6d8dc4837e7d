// Hash routes: `#/inbox`, `#/search?q=…`, `#/clip/<id>?t=<seconds>`, … Parsing is pure so it is tested without a DOM.
export type Route =
  /** The inbox's filters live in the URL, so a filtered view survives reload, back and a shared link. */
  | { name: 'inbox'; person?: string; urgency?: string }
  | { name: 'search'; query: string }
  | { name: 'decisions' }
  | { name: 'overlap' }
  | { name: 'record'; replyTo: string | null }
  | { name: 'settings' }
  | { name: 'clip'; id: string; t: number | null }
  | { name: 'not-found'; path: string }
  /** The small windows the desktop shell opens around a recording (electron/main/recording-windows.ts). */
  | { name: 'hud' }
  | { name: 'countdown'; seconds: number }
  | { name: 'region' }
  | { name: 'camera-preview' };


export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/inbox';
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  const params = new URLSearchParams(queryPart);
  const segments = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  switch (segments[0] ?? 'inbox') {
    case 'inbox': {
      const person = params.get('person');
      const urgency = params.get('urgency');
      return { name: 'inbox', ...(person ? { person } : {}), ...(urgency ? { urgency } : {}) };
    }
    case 'search':
      return { name: 'search', query: params.get('q') ?? '' };
    case 'decisions':
      return { name: 'decisions' };
    case 'overlap':
      return { name: 'overlap' };
    case 'record':
      return { name: 'record', replyTo: params.get('replyTo') };
    case 'settings':
      return { name: 'settings' };
    case 'hud':
      return { name: 'hud' };
    case 'countdown': {
      const seconds = Number(params.get('from') ?? 3);
      return { name: 'countdown', seconds: Number.isInteger(seconds) && seconds > 0 && seconds <= 10 ? seconds : 3 };
    }
    case 'region':
      return { name: 'region' };
    case 'camera-preview':
      return { name: 'camera-preview' };
    case 'clip': {
      if (!segments[1]) break;
      const t = Number(params.get('t'));
      return { name: 'clip', id: segments[1], t: params.has('t') && Number.isFinite(t) && t >= 0 ? t : null };
    }
  }
  return { name: 'not-found', path: pathPart };
}

export function clipHref(id: string, seconds?: number): string {
  const t = seconds === undefined ? '' : `?t=${Math.max(0, Math.floor(seconds))}`;
  return `#/clip/${encodeURIComponent(id)}${t}`;
}

export function searchHref(query: string): string {
  return query ? `#/search?q=${encodeURIComponent(query)}` : '#/search';
}

export function recordReplyHref(clipId: string): string {
  return `#/record?replyTo=${encodeURIComponent(clipId)}`;
}

/** `#/inbox`, with the filters that are set. */
export function inboxHref(filters: { person?: string; urgency?: string }): string {
  const params = new URLSearchParams();
  if (filters.person) params.set('person', filters.person);
  if (filters.urgency) params.set('urgency', filters.urgency);
  const query = params.toString();
  return query ? `#/inbox?${query}` : '#/inbox';
}
