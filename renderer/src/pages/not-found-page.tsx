import { ErrorState } from '../components/error-state';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        Not found
      </h1>
      <ErrorState title="There is no such page" message={`Nothing lives at ${path}.`}>
        <p>
          <a href="#/inbox">Go to the inbox</a>
        </p>
      </ErrorState>
    </section>
  );
}
