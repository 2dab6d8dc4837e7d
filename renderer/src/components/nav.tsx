import type { ReactNode } from 'react';
import type { Route } from '../lib/route';

const ITEMS = [
  { href: '#/inbox', label: 'Inbox', route: 'inbox' },
  { href: '#/search', label: 'Search', route: 'search' },
  { href: '#/decisions', label: 'Decisions', route: 'decisions' },
  { href: '#/overlap', label: 'Overlap', route: 'overlap' },
  { href: '#/record', label: 'Record', route: 'record' },
  { href: '#/settings', label: 'Settings', route: 'settings' },
] as const;

/** `children` follow the links (in tab order too): the Import control. */
export function Nav({ route, children }: { route: Route; children?: ReactNode }) {
  // A clip page belongs to the inbox section.
  const section = route.name === 'clip' ? 'inbox' : route.name;
  return (
    <nav aria-label="Main" className="side-nav">
      <span className="brand">
        <img src="./icon.svg" alt="" width={24} height={24} />
        Handoff
      </span>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.route}>
            <a href={item.href} aria-current={section === item.route ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
      {children}
      <p className="nav-help">
        Press <kbd>?</kbd> for shortcuts
      </p>
    </nav>
  );
}
