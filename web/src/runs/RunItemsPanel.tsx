/**
 * The persons of a run: filterable by action, status and name (or employee number, on Enter),
 * paged, exportable as CSV or JSON with the same filters, and each opening its detail panel.
 */
import { Field, makeStyles, SearchBox, TableCellLayout, Text } from '@fluentui/react-components';
import { PeopleRegular } from '@fluentui/react-icons';
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
import { type Column, DataTable, OpenLink } from '../ui/DataTable.tsx';
import { DownloadButton } from '../ui/DownloadButton.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ListStates } from '../ui/ListStates.tsx';
import { ACTION_LABELS, ITEM_STATUS_LABELS } from '../ui/labels.ts';
import { OptionalSelect } from '../ui/OptionalSelect.tsx';
import { Pager } from '../ui/Pager.tsx';
import { RunItemDrawer } from './RunItemDrawer.tsx';

const useStyles = makeStyles({
  filters: { display: 'flex', gap: '12px', alignItems: 'flex-end', flexWrap: 'wrap', marginBottom: '8px' },
  spacer: { flex: 1 },
});

const PAGE_SIZE = 50;

/** The first few changed attributes: enough to scan a column, the panel has them all. */
function changeSummary(item: RunItem): string {
  // Groups and licences read as what happens to them: "+ group Sales", "− licence Office 365 E3".
  const entitlement = (c: RunItem['changes'][number]) => c.attribute === 'group' || c.attribute === 'licence';
  const ordered = [...item.changes.filter(entitlement), ...item.changes.filter((c) => !entitlement(c))];
  const names = ordered.map((c) =>
    c.attribute === 'group' || c.attribute === 'licence'
      ? c.old === null
        ? `+ ${c.attribute} ${String(c.new)}`
        : c.new === null
          ? `− ${c.attribute} ${String(c.old)}`
          : `${c.attribute} ${String(c.new)}`
      : c.attribute,
  );
  if (names.length === 0) return '—';
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} +${names.length - 3} more`;
}

function columns(open: (item: RunItem) => void): readonly Column<RunItem>[] {
  return [
    {
      header: 'Name',
      cell: (item) => (
        <TableCellLayout>
          <OpenLink onOpen={() => open(item)}>{item.displayName}</OpenLink>
        </TableCellLayout>
      ),
    },
    { header: 'Employee number', cell: (item) => item.employeeNumber },
    { header: 'Action', cell: (item) => ACTION_LABELS[item.action] },
    { header: 'Status', cell: (item) => <ItemStatusBadge status={item.status} /> },
    { header: 'Changes', cell: changeSummary },
  ];
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
        <OptionalSelect<Action>
          label="Action"
          name="filter-action"
          value={action}
          noneLabel="All actions"
          options={ACTIONS}
          optionLabel={(a) => ACTION_LABELS[a]}
          onChange={(a) => {
            setAction(a);
            setPage(1);
          }}
        />
        <OptionalSelect<ItemStatus>
          label="Status"
          name="filter-status"
          value={status}
          noneLabel="All statuses"
          options={ITEM_STATUSES}
          optionLabel={(s) => ITEM_STATUS_LABELS[s].label}
          onChange={(s) => {
            setStatus(s);
            setPage(1);
          }}
        />
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
        <DownloadButton href={urlFor(exportRunItemsCsv, { params: { id: props.runId }, query: filter })}>
          Export CSV
        </DownloadButton>
        <DownloadButton href={urlFor(exportRunItemsJson, { params: { id: props.runId }, query: filter })}>
          Export JSON
        </DownloadButton>
      </div>
      <ListStates
        list={items}
        loadingLabel="Loading persons…"
        empty={
          <EmptyState
            title={filtered ? 'No person matches these filters' : 'No persons in this run'}
            icon={<PeopleRegular />}
          >
            {filtered ? 'Change or clear the filters.' : 'The run has not produced results yet.'}
          </EmptyState>
        }
      >
        {(list) => (
          <>
            <Text size={200} aria-live="polite" data-testid="item-count">
              {list.total} {list.total === 1 ? 'person' : 'persons'}
            </Text>
            <DataTable
              label="Persons in this run"
              testId="run-items"
              columns={columns(setOpen)}
              rows={list.items}
              rowKey={(item) => item.employeeNumber}
              onOpen={setOpen}
              rowData={(item) => ({ 'data-employee': item.employeeNumber })}
            />
            <Pager page={page} pageSize={PAGE_SIZE} total={list.total} onPage={setPage} label="persons" />
          </>
        )}
      </ListStates>
      <RunItemDrawer item={open} onClose={() => setOpen(undefined)} />
    </section>
  );
}
