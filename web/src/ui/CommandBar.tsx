/** A page's command bar under its header, as the admin center lays them out. */
import { makeStyles, Toolbar, tokens } from '@fluentui/react-components';
import { type ReactNode, useLayoutEffect, useRef } from 'react';

const useStyles = makeStyles({
  bar: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    marginBottom: '16px',
    flexWrap: 'wrap',
  },
});

/** Whether two boxes stand on one line of the wrapped bar (their heights overlap). */
const sameLine = (a: DOMRect, b: DOMRect): boolean => a.top < b.bottom && b.top < a.bottom;

/**
 * A separator separates two commands on one line. When the bar wraps, one began the second line
 * ("| Edit name" at 1280 px) or ended the first: such a separator is taken out. One that begins a line
 * goes (display: none; the command after it is wider, so it still does not fit on the line above); one
 * that ends a line is only hidden, keeping its width, so the line below cannot move up and back.
 */
function hideStraySeparators(bar: HTMLElement): void {
  const separators = Array.from(bar.children).filter(
    (c): c is HTMLElement => c instanceof HTMLElement && c.getAttribute('role') === 'separator',
  );
  for (const s of separators) {
    s.style.display = '';
    s.style.visibility = '';
  }
  for (const s of separators) {
    const box = s.getBoundingClientRect();
    const before = shownSibling(s, 'previousElementSibling');
    const after = shownSibling(s, 'nextElementSibling');
    if (!before || !sameLine(before, box)) s.style.display = 'none';
    else if (!after || !sameLine(after, box)) s.style.visibility = 'hidden';
  }
}

/** The box of the nearest command beside `element` that takes room (not a closed dialog's placeholder). */
function shownSibling(
  element: Element,
  direction: 'previousElementSibling' | 'nextElementSibling',
): DOMRect | undefined {
  for (let e = element[direction]; e; e = e[direction]) {
    const box = e.getBoundingClientRect();
    if (box.width > 0) return box;
  }
  return undefined;
}

export function CommandBar(props: { readonly label: string; readonly children: ReactNode }) {
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // Fluent's Toolbar takes no ref of ours (its type is Ref<never>): the bar is the wrapper's child.
    const bar = ref.current?.firstElementChild;
    if (!(bar instanceof HTMLElement)) return;
    let width = -1;
    const measure = () => {
      // Only a new width can move a command to another line; hiding a separator changes the height.
      if (bar.clientWidth === width) return;
      width = bar.clientWidth;
      hideStraySeparators(bar);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(bar);
    // Commands appear as the page loads (the role, the connection's state): measure again then.
    const changes = new MutationObserver(() => {
      width = -1;
      measure();
    });
    changes.observe(bar, { childList: true });
    return () => {
      observer.disconnect();
      changes.disconnect();
    };
  }, []);
  return (
    <div ref={ref}>
      <Toolbar aria-label={props.label} className={styles.bar}>
        {props.children}
      </Toolbar>
    </div>
  );
}
