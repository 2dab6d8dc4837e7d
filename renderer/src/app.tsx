import { useEffect, useRef } from 'react';
import { useSettings } from './api/context';
import { ErrorBoundary } from './components/error-boundary';
import { Nav } from './components/nav';
import { Notices } from './components/notices';
import { useRoute } from './components/use-route';
import type { Route } from './lib/route';
import { ClipPage } from './pages/clip-page';
import { DecisionsPage } from './pages/decisions-page';
import { InboxPage } from './pages/inbox-page';
import type { InboxFilters } from './lib/inbox-model';

const URGENCIES: ReadonlySet<string> = new Set(['urgent', 'reply-needed', 'fyi']);
import { NotFoundPage } from './pages/not-found-page';
import { OverlapPage } from './pages/overlap-page';
import { RecordPage } from './pages/record-page';
import { SearchPage } from './pages/search-page';
import { SettingsPage } from './pages/settings-page';
import { FirstRun, needsFirstRun } from './settings/first-run';
import { ImportDock } from './import/import-dock';
import { CameraPreview } from './overlays/camera-preview';
import { Countdown } from './overlays/countdown';
import { Hud } from './overlays/hud';
import { RegionSelect } from './overlays/region-select';
import './overlays/overlays.css';
import { useApi } from './api/context';
import { navigate } from './components/use-route';
import { useBrowserNotifications } from './components/use-browser-notifications';
import { Shortcuts } from './design/shortcuts';

function focusHeadingAfterNavigation(): () => void {
  const focus = () => {
    const heading = document.getElementById('page-title');
    const active = document.activeElement;
    if (heading && active !== heading && (active === null || active === document.body || !active.isConnected)) heading.focus();
  };
  document.getElementById('page-title')?.focus();
  const main = document.getElementById('main');
  const observer = new MutationObserver(focus);
  if (main) observer.observe(main, { childList: true, subtree: true });
  const stop = () => {
    observer.disconnect();
    window.removeEventListener('keydown', stop, true);
    window.removeEventListener('pointerdown', stop, true);
  };
  window.addEventListener('keydown', stop, true);
  window.addEventListener('pointerdown', stop, true);
  return stop;
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'inbox':
      return <InboxPage filters={{ person: route.person ?? '', urgency: URGENCIES.has(route.urgency ?? '') ? (route.urgency as InboxFilters['urgency']) : '' }} />;
    case 'search':
      return <SearchPage initialQuery={route.query} />;
    case 'decisions':
      return <DecisionsPage />;
    case 'overlap':
      return <OverlapPage />;
    case 'record':
      return <RecordPage key={route.replyTo ?? ''} replyTo={route.replyTo} />;
    case 'settings':
      return <SettingsPage />;
    case 'clip':
      return <ClipPage key={route.id} id={route.id} t={route.t} />;
    case 'not-found':
      return <NotFoundPage path={route.path} />;
    case 'hud':
      return <Hud />;
    case 'countdown':
      return <Countdown seconds={route.seconds} />;
    case 'region':
      return <RegionSelect />;
    case 'camera-preview':
      return <CameraPreview />;
  }
}

const OVERLAYS: ReadonlySet<Route['name']> = new Set(['hud', 'countdown', 'region', 'camera-preview']);

export function App() {
  const route = useRoute();
  const api = useApi();
  // The desktop shell asks for a screen this way (tray, deep link, notification click).
  useEffect(() => api.on('app:navigate', ({ route: target }) => navigate(target)), [api]);
  useBrowserNotifications(api);
  const { settings } = useSettings();
  const screenKey = route.name === 'clip' ? `clip/${route.id}` : route.name;
  const first = useRef(true);

  // After a navigation, move focus to the new screen's heading so keyboard and screen reader users start there. A
  // screen that loads first (a clip) swaps its "Update" heading for the real one: focus follows to the new heading
  // until the user does something, so it never falls back to the page body.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    return focusHeadingAfterNavigation();
  }, [screenKey]);

  // Overlay windows (HUD, countdown, region, camera) are the screen alone, without the app's chrome.
  if (OVERLAYS.has(route.name)) {
    return (
      <ErrorBoundary resetKey={screenKey}>
        <Screen route={route} />
      </ErrorBoundary>
    );
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        Skip to content
      </a>
      <Nav route={route}>
        <ImportDock />
      </Nav>
      <main className="app-main" id="main" tabIndex={-1}>
        {settings && needsFirstRun(settings) ? <FirstRun settings={settings} /> : null}
        <ErrorBoundary resetKey={screenKey}>
          <Screen route={route} />
        </ErrorBoundary>
      </main>
      <Notices recorderWarnings={route.name !== 'record'} />
      <Shortcuts />
    </div>
  );
}
