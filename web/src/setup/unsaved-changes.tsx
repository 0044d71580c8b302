/**
 * "You have unsaved changes": a form with changes that are not saved registers here, and then both
 * ways of leaving ask first — the console's own navigation (links, the back button, `navigate()`:
 * every one of them changes the URL's hash) with a dialog, and closing or reloading the tab with
 * the browser's own question (beforeunload). Saving or discarding unregisters the form.
 */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { parseRoute, type Route } from '../app/routes.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

/** The forms with unsaved changes, by the id of the component that holds them. */
const unsaved = new Set<string>();

const onBeforeUnload = (event: BeforeUnloadEvent) => {
  if (unsaved.size === 0) return;
  // Both, for the browsers that still read returnValue; the text itself is the browser's own.
  event.preventDefault();
  event.returnValue = '';
};
let listening = false;

export const hasUnsavedChanges = (): boolean => unsaved.size > 0;

/** Registers the calling component's form while `dirty` is true. */
export function useUnsavedChanges(dirty: boolean): void {
  const id = useId();
  useEffect(() => {
    if (!listening) {
      window.addEventListener('beforeunload', onBeforeUnload);
      listening = true;
    }
    if (!dirty) return;
    unsaved.add(id);
    return () => {
      unsaved.delete(id);
    };
  }, [dirty, id]);
}

/**
 * Whether a form's values differ from the ones it started with (or last saved): compares the
 * serialised value. `saved()` makes the current value the new starting point.
 */
export function useFormChanges(value: unknown, enabled = true): { changed: boolean; saved: () => void } {
  const current = JSON.stringify(value ?? null);
  const baseline = useRef(current);
  const [, rerender] = useState(0);
  const changed = enabled && current !== baseline.current;
  useUnsavedChanges(changed);
  return {
    changed,
    saved: () => {
      baseline.current = current;
      rerender((n) => n + 1);
    },
  };
}

/**
 * The route the URL names, held back while a form has unsaved changes: the URL is put back and a
 * dialog asks whether to leave without saving. Used by the shell in place of `useRoute`.
 */
export function useGuardedRoute(): { readonly route: Route; readonly prompt: ReactNode } {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  const [pending, setPending] = useState<string | null>(null);
  const shown = useRef(window.location.href);
  useEffect(() => {
    const onChange = () => {
      const target = window.location.href;
      if (target === shown.current) return;
      if (unsaved.size > 0) {
        // Put the URL back without a new hashchange; the page stays as it is until the answer.
        window.history.replaceState(window.history.state, '', shown.current);
        setPending(target);
        return;
      }
      shown.current = target;
      setRoute(parseRoute(window.location.hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const prompt = (
    <ConfirmDialog
      open={pending !== null}
      title="Leave without saving?"
      confirmLabel="Leave without saving"
      cancelLabel="Stay on this page"
      busy={false}
      error={undefined}
      onCancel={() => setPending(null)}
      onConfirm={() => {
        const target = pending;
        setPending(null);
        if (target === null) return;
        // Leaving discards the changes: the forms unmount with the page.
        unsaved.clear();
        window.location.href = target;
      }}
    >
      This page has changes that are not saved. If you leave now, they are lost.
    </ConfirmDialog>
  );
  return { route, prompt };
}
