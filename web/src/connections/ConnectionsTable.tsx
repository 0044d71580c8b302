/**
 * The connections list: one radio-selectable row per connection (single selection, like the admin
 * center's tables), sortable columns, and the name as a link to the details page. Keyboard users
 * reach each row's radio (Space selects) and name link (Enter opens) with Tab.
 */
import {
  Link,
  Table,
  TableBody,
  TableCell,
  TableCellLayout,
  TableHeader,
  TableHeaderCell,
  TableRow,
  TableSelectionCell,
  Text,
} from '@fluentui/react-components';
import type { ConnectionSummary } from '../api/dto.ts';
import { hrefFor } from '../app/routes.ts';
import { StateBadge } from '../ui/Badges.tsx';
import { formatDateTime } from '../ui/format.ts';
import { SOURCE_SYSTEM_LABELS } from '../ui/labels.ts';

export type SortKey = 'name' | 'state' | 'lastSyncAt' | 'nextRunAt';
export interface Sort {
  readonly key: SortKey;
  readonly order: 'asc' | 'desc';
}

const COLUMNS: readonly { readonly label: string; readonly sort?: SortKey }[] = [
  { label: 'Name', sort: 'name' },
  { label: 'State', sort: 'state' },
  { label: 'Source system' },
  { label: 'Destination type' },
  { label: 'Customer / tenant' },
  { label: 'Last sync', sort: 'lastSyncAt' },
  { label: 'Next sync', sort: 'nextRunAt' },
];

export function ConnectionsTable(props: {
  readonly connections: readonly ConnectionSummary[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string | null) => void;
  readonly sort: Sort;
  readonly onSort: (sort: Sort) => void;
}) {
  const { sort } = props;
  const toggle = (id: string) => props.onSelect(props.selectedId === id ? null : id);
  return (
    <Table aria-label="Connections" sortable style={{ minWidth: 900 }} data-testid="connections-table">
      <TableHeader>
        <TableRow>
          <TableSelectionCell type="radio" invisible />
          {COLUMNS.map((c) => (
            <TableHeaderCell
              key={c.label}
              {...(c.sort
                ? {
                    ...(sort.key === c.sort
                      ? { sortDirection: sort.order === 'asc' ? 'ascending' : 'descending' }
                      : {}),
                    onClick: () =>
                      props.onSort({
                        key: c.sort as SortKey,
                        order: sort.key === c.sort && sort.order === 'asc' ? 'desc' : 'asc',
                      }),
                  }
                : { sortable: false })}
            >
              {c.label}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.connections.map((c) => {
          const selected = props.selectedId === c.id;
          return (
            <TableRow
              key={c.id}
              onClick={() => toggle(c.id)}
              aria-selected={selected}
              appearance={selected ? 'brand' : 'none'}
              data-connection={c.name}
            >
              <TableSelectionCell
                type="radio"
                checked={selected}
                radioIndicator={{ 'aria-label': `Select ${c.name}` }}
              />
              <TableCell>
                <TableCellLayout>
                  <Link href={hrefFor({ page: 'connection', id: c.id })} onClick={(e) => e.stopPropagation()}>
                    {c.name}
                  </Link>
                </TableCellLayout>
              </TableCell>
              <TableCell>
                <StateBadge state={c.state} />
              </TableCell>
              <TableCell>{SOURCE_SYSTEM_LABELS[c.sourceSystem]}</TableCell>
              <TableCell>{c.destinationType === 'cloud' ? 'Cloud' : 'Hybrid'}</TableCell>
              <TableCell>
                {c.customer || c.tenant ? (
                  <TableCellLayout description={c.tenant?.name ?? 'no tenant yet'}>
                    {c.customer?.name ?? '—'}
                  </TableCellLayout>
                ) : (
                  <Text italic>Not chosen yet</Text>
                )}
              </TableCell>
              <TableCell>{formatDateTime(c.lastSyncAt, 'Never')}</TableCell>
              <TableCell>{formatDateTime(c.nextRunAt, 'Not scheduled')}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
