/** Previous/next paging with "1–50 of 120", shown only when there is more than one page. */
import { Button, Text } from '@fluentui/react-components';
import { ChevronLeftRegular, ChevronRightRegular } from '@fluentui/react-icons';

export function Pager(props: {
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly onPage: (page: number) => void;
  readonly label: string;
}) {
  const { page, pageSize, total } = props;
  if (total <= pageSize && page === 1) return null;
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav
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
        onClick={() => props.onPage(page - 1)}
        aria-label="Previous page"
      />
      <Button
        size="small"
        icon={<ChevronRightRegular />}
        disabled={last >= total}
        onClick={() => props.onPage(page + 1)}
        aria-label="Next page"
      />
    </nav>
  );
}
