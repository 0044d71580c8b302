/**
 * The connections list: one radio-selectable row per connection (single selection, like the admin
 * center's tables), sortable columns, and the name as a link to the details page. Keyboard users
 * reach each row's radio (Space selects) and name link (Enter opens) with Tab.
 */
import {
  Link,
  makeStyles,
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
import { ContinueSetupButton } from '../setup/continue-setup.tsx';
import { NextStepButton } from '../setup/next-step.tsx';
import { StateBadge } from '../ui/Badges.tsx';
import { formatDateTime, formatDateTimeWithRelative } from '../ui/format.ts';
import { SOURCE_SYSTEM_LABELS } from '../ui/labels.ts';
import { LAPTOP, TABLE_ROLES, usePhoneListStyles } from '../ui/phone-list.ts';

export type SortKey = 'name' | 'state' | 'lastSyncAt' | 'nextRunAt';
export interface Sort {
  readonly key: SortKey;
  readonly order: 'asc' | 'desc';
}

const useStyles = makeStyles({
  // On a laptop (the navigation still open) the two columns that say the least give their room to
  // the rest, so no column is cut off; a phone shows every field as a list again.
  secondary: { [LAPTOP]: { display: 'none' } },
});

const COLUMNS: readonly {
  readonly label: string;
  readonly sort?: SortKey;
  readonly secondary?: true;
  /** Fixed width; the other columns share what is left (Fluent's tables are `table-layout: fixed`). */
  readonly width?: string;
}[] = [
  { label: 'Name', sort: 'name' },
  // Room for the badge's words and "Next: simulate and activate" on two lines: an equal share of the
  // table left it 111 px at 700 px and 120 px at 1280 px, four and three lines.
  { label: 'State', sort: 'state', width: '11rem' },
  { label: 'Source system', secondary: true },
  { label: 'Destination type', secondary: true },
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
  /** The role may save steps: unfinished rows offer "Continue setup". */
  readonly mayContinue?: boolean;
  /** The role may simulate: configured rows say what comes next. */
  readonly maySimulate?: boolean;
}) {
  const mayContinue = props.mayContinue === true;
  const maySimulate = props.maySimulate === true;
  const { sort } = props;
  const phone = usePhoneListStyles();
  const styles = useStyles();
  const toggle = (id: string) => props.onSelect(props.selectedId === id ? null : id);
  return (
    <Table
      aria-label="Connections"
      sortable
      style={{ minWidth: 680 }}
      className={phone.table}
      data-testid="connections-table"
      {...TABLE_ROLES.table}
    >
      <TableHeader {...TABLE_ROLES.rowgroup}>
        <TableRow {...TABLE_ROLES.row}>
          <TableSelectionCell type="radio" invisible {...TABLE_ROLES.header} />
          {COLUMNS.map((c) => (
            <TableHeaderCell
              key={c.label}
              {...TABLE_ROLES.header}
              {...(c.secondary ? { className: styles.secondary } : {})}
              {...(c.width ? { style: { width: c.width } } : {})}
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
      <TableBody {...TABLE_ROLES.rowgroup}>
        {props.connections.map((c) => {
          const selected = props.selectedId === c.id;
          return (
            <TableRow
              {...TABLE_ROLES.row}
              key={c.id}
              onClick={() => toggle(c.id)}
              aria-selected={selected}
              appearance={selected ? 'brand' : 'none'}
              data-connection={c.name}
            >
              <TableSelectionCell
                {...TABLE_ROLES.cell}
                type="radio"
                checked={selected}
                radioIndicator={{ 'aria-label': `Select ${c.name}` }}
              />
              <TableCell {...TABLE_ROLES.cell} data-label="Name">
                <TableCellLayout>
                  <Link href={hrefFor({ page: 'connection', id: c.id })} onClick={(e) => e.stopPropagation()}>
                    {c.name}
                  </Link>
                </TableCellLayout>
              </TableCell>
              <TableCell {...TABLE_ROLES.cell} data-label="State">
                <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                  <StateBadge state={c.state} />
                  {mayContinue && <ContinueSetupButton connection={c} appearance="subtle" size="small" />}
                  {maySimulate && <NextStepButton connection={c} appearance="subtle" size="small" twoLines />}
                </div>
              </TableCell>
              <TableCell {...TABLE_ROLES.cell} data-label="Source system" className={styles.secondary}>
                {SOURCE_SYSTEM_LABELS[c.sourceSystem]}
              </TableCell>
              <TableCell {...TABLE_ROLES.cell} data-label="Destination type" className={styles.secondary}>
                {c.destinationType === 'cloud' ? 'Cloud' : 'Hybrid'}
              </TableCell>
              <TableCell {...TABLE_ROLES.cell} data-label="Customer / tenant">
                {c.customer || c.tenant ? (
                  <TableCellLayout description={c.tenant?.name ?? 'no tenant yet'}>
                    {c.customer?.name ?? '—'}
                  </TableCellLayout>
                ) : (
                  <Text italic>Not chosen yet</Text>
                )}
              </TableCell>
              <TableCell {...TABLE_ROLES.cell} data-label="Last sync">
                {formatDateTime(c.lastSyncAt, 'Never', c.timeZone)}
              </TableCell>
              <TableCell {...TABLE_ROLES.cell} data-label="Next sync">
                {formatDateTimeWithRelative(c.nextRunAt, 'Not scheduled', c.timeZone)}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
