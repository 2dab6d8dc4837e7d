import { useEffect, useState } from 'react';
import { parseHash, type Route } from '../lib/route';

/** The current hash route, following `hashchange` (back/forward, links, `location.hash = …`). */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', update);
    window.addEventListener(REPLACED, update);
    return () => {
      window.removeEventListener('hashchange', update);
      window.removeEventListener(REPLACED, update);
    };
  }, []);
  return route;
}

export function navigate(href: string): void {
  window.location.hash = href.replace(/^#/, '');
}

const REPLACED = 'handoff:route-replaced';

/** The same screen in another state (filters): the URL changes without a history entry or a focus move. */
export function replaceRoute(href: string): void {
  window.history.replaceState(window.history.state, '', `#${href.replace(/^#/, '')}`);
  window.dispatchEvent(new Event(REPLACED));
}
