/** Previous/next paging with "1–50 of 120", shown only when there is more than one page. */
import { Button, Text } from '@fluentui/react-components';
import { ChevronLeftRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { useRef } from 'react';

/**
 * Brings the top of the list a paging control belongs to (the nearest table around it) into view
 * when it is above the window. The controls sit under the list: without this, the next page opened
 * where the previous one ended (at 390 px its first person was 2,273 px above the window).
 */
export function showListTop(control: HTMLElement | null): void {
  for (let around = control?.parentElement; around; around = around.parentElement) {
    const list = around.querySelector('table');
    if (!list) continue;
    if (list.getBoundingClientRect().top < 0) list.scrollIntoView({ block: 'start' });
    return;
  }
}

export function Pager(props: {
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly onPage: (page: number) => void;
  readonly label: string;
}) {
  const nav = useRef<HTMLElement>(null);
  const { page, pageSize, total } = props;
  if (total <= pageSize && page === 1) return null;
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const go = (to: number) => {
    showListTop(nav.current);
    props.onPage(to);
  };
  return (
    <nav
      ref={nav}
      aria-label={`Pages of ${props.label}`}
      style={{ display: 'flex', alignItems: 'center', gap: 8, justifyContent: 'flex-end', padding: '8px 0' }}
    >
      <Text size={200} aria-live="polite">
        {first}–{last} of {total}
      </Text>
      <Button
        size="small"
        icon={<ChevronLeftRegular />}
        disabled={page <= 1}
        onClick={() => go(page - 1)}
        aria-label="Previous page"
      />
      <Button
        size="small"
        icon={<ChevronRightRegular />}
        disabled={last >= total}
        onClick={() => go(page + 1)}
        aria-label="Next page"
      />
    </nav>
  );
}
