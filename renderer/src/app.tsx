import { InboxPage } from './pages/inbox-page';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand" aria-label="Handoff">
          Handoff
        </span>
        <nav aria-label="Main">
          <a href="#/inbox" aria-current="page">
            Inbox
          </a>
        </nav>
      </header>
      <main className="app-main" id="main">
        <InboxPage />
      </main>
    </div>
  );
}
