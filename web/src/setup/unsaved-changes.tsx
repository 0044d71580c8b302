/**
 * "You have unsaved changes": a form with changes that are not saved registers here, and then both
 * ways of leaving ask first — the console's own navigation (links, the back button, `navigate()`:
 * every one of them changes the URL's hash) with a dialog, and closing or reloading the tab with
 * the browser's own question (beforeunload). Saving or discarding unregisters the form.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { parseRoute, type Route } from '../app/routes.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { forgetUnsavedChanges, hasUnsavedChanges } from '../ui/unsaved-forms.ts';

export { hasUnsavedChanges, useFormChanges, useUnsavedChanges } from '../ui/unsaved-forms.ts';

/** How the URL changed: a new entry (a link, `navigate()`), or Back / Forward through history. */
type Move = 'push' | 'back' | 'forward';
interface Pending {
  readonly target: string;
  readonly move: Move;
}

/** Each history entry the console shows is numbered, so a change can tell Back from Forward from a link. */
const indexOf = (state: unknown): number | null => {
  const value = (state as { hrsyncIndex?: unknown } | null)?.hrsyncIndex;
  return typeof value === 'number' ? value : null;
};
const numbered = (index: number): unknown => ({ ...(window.history.state ?? {}), hrsyncIndex: index });

/**
 * The route the URL names, held back while a form has unsaved changes: the history move is undone
 * (a new entry is stepped back from, Back is stepped forward again) and a dialog asks whether to
 * leave without saving; leaving repeats the move. Used by the shell in place of `useRoute`.
 */
export function useGuardedRoute(): { readonly route: Route; readonly prompt: ReactNode } {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  const [pending, setPending] = useState<Pending | null>(null);
  const shown = useRef(window.location.href);
  const index = useRef(0);
  useEffect(() => {
    const existing = indexOf(window.history.state);
    if (existing === null) window.history.replaceState(numbered(0), '', window.location.href);
    index.current = existing ?? 0;
    const onChange = () => {
      const target = window.location.href;
      // Undoing a held-back move lands here again, on the page still shown: nothing to do.
      if (target === shown.current) return;
      const at = indexOf(window.history.state);
      const move: Move = at === null ? 'push' : at < index.current ? 'back' : 'forward';
      if (hasUnsavedChanges()) {
        setPending({ target, move });
        if (move === 'back') window.history.forward();
        else window.history.back();
        return;
      }
      if (at === null) {
        index.current += 1;
        window.history.replaceState(numbered(index.current), '', target);
      } else index.current = at;
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
        const leaving = pending;
        setPending(null);
        if (leaving === null) return;
        // Leaving discards the changes: the forms unmount with the page.
        forgetUnsavedChanges();
        if (leaving.move === 'push') window.location.href = leaving.target;
        else if (leaving.move === 'back') window.history.back();
        else window.history.forward();
      }}
    >
      This page has changes that are not saved. If you leave now, they are lost.
    </ConfirmDialog>
  );
  return { route, prompt };
}
