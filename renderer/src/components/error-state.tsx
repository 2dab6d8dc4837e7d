import { inUiWords } from '../lib/ui-words';
import type { ReactNode } from 'react';

export function ErrorState({ title, message, onRetry, children }: { title: string; message: string; onRetry?: () => void; children?: ReactNode }) {
  return (
    <div role="alert" className="error-state" data-testid="error-state">
      <h2>{title}</h2>
      <p>{message}</p>
      {children}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** An error as the app says it: the core's command-line hints become the app's own places (lib/ui-words.ts). */
export function errorMessage(error: unknown): string {
  return inUiWords(error instanceof Error ? error.message : String(error));
}
