import { EmptyState } from '../components/empty-state';

/** Decisions recorded on updates. No call lists them in this build, so the page says so instead of pretending. */
export function DecisionsPage() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        Decisions
      </h1>
      <EmptyState title="No decisions recorded yet" testId="decisions-empty">
        <p>When someone records a decision on an update, it is listed here with who decided, when and on which update.</p>
      </EmptyState>
    </section>
  );
}
