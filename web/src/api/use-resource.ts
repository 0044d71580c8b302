/**
 * A small data hook: loads once per change of `key`, keeps the last good data while reloading the
 * same key (so tables do not flash empty during polling), never shows one key's data under another
 * (not even for the one render before the new load starts: a changed filter never shows the old
 * rows), and ignores answers that arrive after the key changed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  reload(): void;
}

export function useResource<T>(load: () => Promise<T>, key: string): Resource<T> {
  // Each answer is kept with the key it answers: data and error show only under that key.
  const [loaded, setLoaded] = useState<{ key: string; data?: T; error?: unknown } | undefined>(undefined);
  const [loadingKey, setLoadingKey] = useState<string | undefined>(key);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger
  useEffect(() => {
    let current = true;
    setLoadingKey(key);
    loadRef.current().then(
      (value) => {
        if (!current) return;
        setLoaded({ key, data: value });
        setLoadingKey(undefined);
      },
      (e: unknown) => {
        if (!current) return;
        // A failed reload keeps the last good data of the same key beside the error.
        setLoaded((last) => ({ key, ...(last?.key === key ? { data: last.data } : {}), error: e }));
        setLoadingKey(undefined);
      },
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const mine = loaded?.key === key ? loaded : undefined;
  // A key whose load has not started yet (the render before the effect) is loading too.
  const loading = loadingKey !== undefined || mine === undefined;
  return { data: mine?.data, error: mine?.error, loading, reload };
}

/** Calls `tick` every `ms` while `active`; stops when the component unmounts or `active` turns off. */
export function usePolling(active: boolean, ms: number, tick: () => void): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => tickRef.current(), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
}
