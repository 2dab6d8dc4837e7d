import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './error-state';

export type Load<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

/** Runs `load` now and whenever `reload` is called; drops answers that arrive after a newer request or unmount. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { state: Load<T>; reload: () => void } {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const generation = useRef(0);
  // The caller lists what `load` depends on, like useEffect deps.
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    run().then(
      (value) => mine === generation.current && setState({ status: 'ready', value }),
      (error: unknown) => mine === generation.current && setState({ status: 'error', message: errorMessage(error) }),
    );
  }, [run]);
  useEffect(() => {
    reload();
    return () => {
      generation.current++;
    };
  }, [reload]);
  return { state, reload };
}
