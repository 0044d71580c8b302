/**
 * The persons of a run: filterable by action, status and name (or employee number, on Enter),
 * paged, exportable as CSV or JSON with the same filters, and each opening its detail panel.
 */
import {
  Button,
  Field,
  Link,
  makeStyles,
  SearchBox,
  Select,
  Table,
  TableBody,
  TableCell,
  TableCellLayout,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, PeopleRegular } from '@fluentui/react-icons';
import { type KeyboardEvent, useState } from 'react';
import { call, urlFor } from '../api/client.ts';
import {
  ACTIONS,
  type Action,
  exportRunItemsCsv,
  exportRunItemsJson,
  ITEM_STATUSES,
  type ItemStatus,
  listRunItems,
} from '../api/contracts.ts';
import type { RunItem } from '../api/dto.ts';
import { useResource } from '../api/use-resource.ts';
import { ItemStatusBadge } from '../ui/Badges.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Loading } from '../ui/Loading.tsx';
import { ACTION_LABELS, ITEM_STATUS_LABELS } from '../ui/labels.ts';
import { Pager } from '../ui/Pager.tsx';
import { RunItemDrawer } from './RunItemDrawer.tsx';

const useStyles = makeStyles({
  filters: { display: 'flex', gap: '12px', alignItems: 'flex-end', flexWrap: 'wrap', marginBottom: '8px' },
  spacer: { flex: 1 },
  row: { cursor: 'pointer' },
});

const PAGE_SIZE = 50;

/** The first few changed attributes: enough to scan a column, the panel has them all. */
function changeSummary(item: RunItem): string {
  const names = item.changes.map((c) => c.attribute);
  if (names.length === 0) return '—';
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} +${names.length - 3} more`;
}

export function RunItemsPanel(props: { readonly runId: string; readonly refreshKey: string }) {
  const styles = useStyles();
  const [action, setAction] = useState<Action | ''>('');
  const [status, setStatus] = useState<ItemStatus | ''>('');
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<RunItem | undefined>(undefined);
  const filter = {
    ...(action ? { action } : {}),
    ...(status ? { status } : {}),
    ...(q ? { q } : {}),
  };
  const items = useResource(
    () =>
      call(listRunItems, { params: { id: props.runId }, query: { ...filter, page, pageSize: PAGE_SIZE } }),
    JSON.stringify({ id: props.runId, filter, page, refresh: props.refreshKey }),
  );
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      setQ(draft.trim());
      setPage(1);
    }
  };
  const filtered = Boolean(action || status || q);

  return (
    <section aria-label="Persons in this run">
      <div className={styles.filters}>
        <Field label="Action">
          <Select
            value={action}
            onChange={(_, d) => {
              setAction(d.value as Action | '');
              setPage(1);
            }}
            name="filter-action"
          >
            <option value="">All actions</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {ACTION_LABELS[a]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Status">
          <Select
            value={status}
            onChange={(_, d) => {
              setStatus(d.value as ItemStatus | '');
              setPage(1);
            }}
            name="filter-status"
          >
            <option value="">All statuses</option>
            {ITEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ITEM_STATUS_LABELS[s].label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Name or employee number">
          <SearchBox
            value={draft}
            onChange={(_, d) => {
              setDraft(d.value);
              if (d.value === '' && q !== '') {
                setQ('');
                setPage(1);
              }
            }}
            onKeyDown={onSearchKey}
            placeholder="Search, press Enter"
            aria-label="Search persons by name or employee number"
          />
        </Field>
        <div className={styles.spacer} />
        <Button
          as="a"
          href={urlFor(exportRunItemsCsv, { params: { id: props.runId }, query: filter })}
          download
          icon={<ArrowDownloadRegular />}
        >
          Export CSV
        </Button>
        <Button
          as="a"
          href={urlFor(exportRunItemsJson, { params: { id: props.runId }, query: filter })}
          download
          icon={<ArrowDownloadRegular />}
        >
          Export JSON
        </Button>
      </div>
      <ErrorMessage error={items.error} onRetry={items.reload} />
      {items.loading && !items.data ? (
        <Loading label="Loading persons…" />
      ) : items.data && items.data.items.length === 0 ? (
        <EmptyState
          title={filtered ? 'No person matches these filters' : 'No persons in this run'}
          icon={<PeopleRegular />}
        >
          {filtered ? 'Change or clear the filters.' : 'The run has not produced results yet.'}
        </EmptyState>
      ) : (
        items.data && (
          <>
            <Text size={200} aria-live="polite" data-testid="item-count">
              {items.data.total} {items.data.total === 1 ? 'person' : 'persons'}
            </Text>
            <Table aria-label="Persons in this run" size="small" data-testid="run-items">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Name</TableHeaderCell>
                  <TableHeaderCell>Employee number</TableHeaderCell>
                  <TableHeaderCell>Action</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  <TableHeaderCell>Changes</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.data.items.map((item) => (
                  <TableRow
                    key={item.employeeNumber}
                    className={styles.row}
                    onClick={() => setOpen(item)}
                    data-employee={item.employeeNumber}
                  >
                    <TableCell>
                      <TableCellLayout>
                        <Link
                          onClick={(e) => {
                            e.stopPropagation();
                            setOpen(item);
                          }}
                        >
                          {item.displayName}
                        </Link>
                      </TableCellLayout>
                    </TableCell>
                    <TableCell>{item.employeeNumber}</TableCell>
                    <TableCell>{ACTION_LABELS[item.action]}</TableCell>
                    <TableCell>
                      <ItemStatusBadge status={item.status} />
                    </TableCell>
                    <TableCell>{changeSummary(item)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={items.data.total}
              onPage={setPage}
              label="persons"
            />
          </>
        )
      )}
      <RunItemDrawer item={open} onClose={() => setOpen(undefined)} />
    </section>
  );
}
