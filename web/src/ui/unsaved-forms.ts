/**
 * The forms with unsaved changes — a page's form or a dialog's — in one register: a form with
 * changes registers while they last, and whatever is about to lose them (leaving the page, closing
 * the tab, closing the dialog) asks first. The route guard is in setup/unsaved-changes.tsx.
 */
import { useEffect, useId, useRef, useState } from 'react';

/** The forms with unsaved changes, by the id of the component that holds them. */
const unsaved = new Set<string>();

/** Leaving the page discards every form on it. */
export const forgetUnsavedChanges = (): void => unsaved.clear();

const onBeforeUnload = (event: BeforeUnloadEvent) => {
  if (unsaved.size === 0) return;
  // Both, for the browsers that still read returnValue; the text itself is the browser's own.
  event.preventDefault();
  event.returnValue = '';
};
let listening = false;

export const hasUnsavedChanges = (): boolean => unsaved.size > 0;

/**
 * Registers the calling component's form while `dirty` is true. The function it returns unregisters
 * at once, for a form that was just saved and is about to go (its next render may come after the
 * navigation that saving started).
 */
export function useUnsavedChanges(dirty: boolean): () => void {
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
  return () => {
    unsaved.delete(id);
  };
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
 * Whether a dialog's values differ from the ones it opened with (an ActionDialog's `changed`, which
 * registers them as unsaved itself).
 */
export function useChangedSinceOpened(value: unknown): boolean {
  const current = JSON.stringify(value ?? null);
  const opened = useRef(current);
  return current !== opened.current;
}
