/**
 * Runs one operation (a save, a state change, a test) and remembers whether it is busy and how it
 * failed, so buttons can show a spinner and dialogs the API's message.
 */
import { useCallback, useRef, useState } from 'react';

export interface Action<A extends unknown[], R> {
  readonly busy: boolean;
  readonly error: unknown;
  /** Resolves with the result, or `undefined` when the operation failed (the error is kept). */
  run(...args: A): Promise<R | undefined>;
  clearError(): void;
}

export function useAction<A extends unknown[], R>(operation: (...args: A) => Promise<R>): Action<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const operationRef = useRef(operation);
  operationRef.current = operation;

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await operationRef.current(...args);
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(undefined), []);
  return { busy, error, run, clearError };
}
