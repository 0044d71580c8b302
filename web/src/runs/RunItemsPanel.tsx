/**
 * The persons of a run, reviewed at scale: it opens on what changes (persons with no change are
 * hidden until asked), filters by action and status (also from the summary tiles), by name or
 * employee number, by changed attribute and by old or new value, sorts by name, action or status,
 * pages in a chosen size with a jump to any page — all on the server, so 50,000 persons page as fast
 * as 50. Exports carry the same filters; each person opens their detail panel.
 */
import {
  Button,
  Field,
  Input,
  makeStyles,
  SearchBox,
  Select,
  Switch,
  TableCellLayout,
  Text,
} from '@fluentui/react-components';
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
  RunItemFilter,
} from '../api/contracts.ts';
import type { Run, RunItem } from '../api/dto.ts';
import { useResource } from '../api/use-resource.ts';
import { useAttributeText } from '../ui/AttributeName.tsx';
import { ItemStatusBadge } from '../ui/Badges.tsx';
import { type Column, DataTable, OpenLink } from '../ui/DataTable.tsx';
import { DownloadButton } from '../ui/DownloadButton.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ListStates } from '../ui/ListStates.tsx';
import { ACTION_LABELS, ITEM_STATUS_LABELS } from '../ui/labels.ts';
import { OptionalSelect } from '../ui/OptionalSelect.tsx';
import { Pager } from '../ui/Pager.tsx';
import { NO_PERSONS } from './no-persons.ts';
import { PersonActions, type PersonActionsConnection } from './PersonActions.tsx';
import type { TileFilter } from './RunCounts.tsx';
import { RunItemDrawer } from './RunItemDrawer.tsx';

const useStyles = makeStyles({
  filters: { display: 'flex', gap: '12px', alignItems: 'flex-end', flexWrap: 'wrap', marginBottom: '8px' },
  // The two exports stay together at the row's end; on a phone "Export JSON" wrapped alone under "Export CSV".
  exports: { display: 'flex', gap: '8px', marginLeft: 'auto' },
  footer: {
    display: 'flex',
    gap: '12px',
    alignItems: 'flex-end',
    flexWrap: 'wrap',
    justifyContent: 'flex-end',
  },
  narrow: { width: '7em' },
});

const PAGE_SIZES = [25, 50, 100, 200] as const;
const SORTS = { name: 'Name', action: 'Action, then name', status: 'Status (problems first)' } as const;
type Sort = keyof typeof SORTS;

/** The first few changed attributes: enough to scan a column, the panel has them all. */
function changeSummary(item: RunItem, named: (attribute: string) => string): string {
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
      : named(c.attribute),
  );
  if (names.length === 0) return '—';
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} +${names.length - 3} more`;
}

function columns(
  open: (item: RunItem) => void,
  named: (attribute: string) => string,
): readonly Column<RunItem>[] {
  return [
    {
      header: 'Name',
      cell: (item) => (
        <TableCellLayout>
          <OpenLink onOpen={() => open(item)}>{item.displayName}</OpenLink>
        </TableCellLayout>
      ),
    },
    // Short values get narrow columns, so the changes and the why are read as lines, not columns.
    { header: 'Employee number', cell: (item) => item.employeeNumber, width: 140 },
    { header: 'Action', cell: (item) => ACTION_LABELS[item.action], width: 110 },
    { header: 'Status', cell: (item) => <ItemStatusBadge status={item.status} />, width: 110 },
    { header: 'Changes', cell: (item) => changeSummary(item, named) },
    { header: 'Why', cell: (item) => <span data-testid="item-reason">{item.reason}</span> },
  ];
}

export function RunItemsPanel(props: {
  readonly run: Run;
  readonly refreshKey: string;
  /** The action or status chosen here or on a summary tile. */
  readonly tile: TileFilter;
  readonly onTile: (filter: TileFilter) => void;
  /** The run's connection: the detail panel offers what can be done about a person. */
  readonly connection?: PersonActionsConnection | undefined;
  readonly onRun?: (run: Run) => void;
}) {
  const styles = useStyles();
  const named = useAttributeText();
  const { run, tile } = props;
  const action = tile.action ?? '';
  const status = tile.status ?? '';
  const stored = run.counts
    ? Object.values(run.counts.actions).reduce((n, c) => n + c, 0) - run.unchangedCount
    : 0;
  // Opens on what changes; when nothing does, everyone is shown (with no change, by name).
  const [showUnchanged, setShowUnchanged] = useState(stored === 0);
  const [sort, setSort] = useState<Sort>('name');
  const [pageSize, setPageSize] = useState<number>(50);
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [attribute, setAttribute] = useState('');
  const [valueDraft, setValueDraft] = useState('');
  const [value, setValue] = useState('');
  const [page, setPage] = useState(1);
  const [jump, setJump] = useState('');
  const [open, setOpen] = useState<RunItem | undefined>(undefined);
  // Asking for the persons with no change (the tile or the Action filter) shows them, switch or not.
  const hideUnchanged = !showUnchanged && action !== 'no-change';
  const filter = {
    ...(action ? { action } : {}),
    ...(status ? { status } : {}),
    ...(q ? { q } : {}),
    ...(attribute.trim() ? { attribute: attribute.trim() } : {}),
    ...(value ? { value } : {}),
    ...(hideUnchanged ? { changesOnly: true } : {}),
  };
  const items = useResource(
    () => call(listRunItems, { params: { id: run.id }, query: { ...filter, sort, page, pageSize } }),
    JSON.stringify({ id: run.id, filter, sort, page, pageSize, refresh: props.refreshKey }),
  );
  const onEnter = (apply: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      apply();
      setPage(1);
    }
  };
  const setTile = (next: TileFilter) => {
    props.onTile(next);
    setPage(1);
  };
  const filtered = Boolean(action || status || q || attribute.trim() || value);
  const pages = items.data ? Math.max(1, Math.ceil(items.data.total / pageSize)) : 1;
  const goTo = () => {
    const n = Number(jump);
    if (Number.isInteger(n) && n >= 1) setPage(Math.min(n, pages));
    setJump('');
  };

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
          onChange={(a) => setTile({ ...(a ? { action: a } : {}), ...(status ? { status } : {}) })}
        />
        <OptionalSelect<ItemStatus>
          label="Status"
          name="filter-status"
          value={status}
          noneLabel="All statuses"
          options={ITEM_STATUSES}
          optionLabel={(st) => ITEM_STATUS_LABELS[st].label}
          onChange={(st) => setTile({ ...(action ? { action } : {}), ...(st ? { status: st } : {}) })}
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
            onKeyDown={onEnter(() => setQ(draft.trim()))}
            placeholder="Search, press Enter"
            // The service takes this much: a longer text is cut while typing, not refused as "q: …".
            maxLength={RunItemFilter.q.maxLength}
            aria-label="Search persons by name or employee number"
          />
        </Field>
        <Field label="Changed attribute">
          <Input
            name="filter-attribute"
            value={attribute}
            placeholder="e.g. department"
            maxLength={RunItemFilter.attribute.maxLength}
            onChange={(_, d) => {
              setAttribute(d.value);
              setPage(1);
            }}
            aria-label="Only persons whose change includes this attribute"
          />
        </Field>
        <Field label="Old or new value">
          <SearchBox
            value={valueDraft}
            onChange={(_, d) => {
              setValueDraft(d.value);
              if (d.value === '' && value !== '') {
                setValue('');
                setPage(1);
              }
            }}
            onKeyDown={onEnter(() => setValue(valueDraft.trim()))}
            placeholder="Search, press Enter"
            maxLength={RunItemFilter.value.maxLength}
            aria-label="Search changes by old or new value"
          />
        </Field>
        <Field label="Sort by">
          <Select
            name="sort"
            value={sort}
            onChange={(_, d) => {
              setSort(d.value as Sort);
              setPage(1);
            }}
          >
            {(Object.keys(SORTS) as Sort[]).map((k) => (
              <option key={k} value={k}>
                {SORTS[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Switch
          label={`Show persons with no change${run.unchangedCount > 0 ? ` (${run.unchangedCount})` : ''}`}
          checked={showUnchanged}
          onChange={(_, d) => {
            setShowUnchanged(d.checked);
            setPage(1);
          }}
          data-testid="show-unchanged"
        />
        <div className={styles.exports}>
          <DownloadButton
            href={urlFor(exportRunItemsCsv, { params: { id: run.id }, query: { ...filter, sort } })}
          >
            Export CSV
          </DownloadButton>
          <DownloadButton
            href={urlFor(exportRunItemsJson, { params: { id: run.id }, query: { ...filter, sort } })}
          >
            Export JSON
          </DownloadButton>
        </div>
      </div>
      {run.itemsPrunedAt && (
        <Text block>
          The persons of this run were removed by the retention policy; the summary above stays.
        </Text>
      )}
      <ListStates
        list={items}
        loadingLabel="Loading persons…"
        empty={
          <EmptyState
            title={
              filtered
                ? 'No person matches these filters'
                : showUnchanged
                  ? 'No persons in this run'
                  : 'Nobody changes in this run'
            }
            icon={<PeopleRegular />}
          >
            {filtered
              ? 'Change or clear the filters.'
              : showUnchanged
                ? NO_PERSONS[run.status]
                : 'Turn on "Show persons with no change" to see everyone.'}
          </EmptyState>
        }
      >
        {(list) => (
          <>
            <Text size={200} aria-live="polite" data-testid="item-count">
              {list.total} {list.total === 1 ? 'person' : 'persons'}
              {hideUnchanged && run.unchangedCount > 0
                ? ` (${run.unchangedCount} with no change hidden)`
                : ''}
            </Text>
            <DataTable
              label="Persons in this run"
              testId="run-items"
              columns={columns(setOpen, named)}
              rows={list.items}
              rowKey={(item) => item.employeeNumber}
              onOpen={setOpen}
              rowData={(item) => ({ 'data-employee': item.employeeNumber })}
            />
            <div className={styles.footer}>
              <Field label="Per page">
                <Select
                  name="page-size"
                  className={styles.narrow}
                  value={String(pageSize)}
                  onChange={(_, d) => {
                    setPageSize(Number(d.value));
                    setPage(1);
                  }}
                >
                  {PAGE_SIZES.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </Select>
              </Field>
              {pages > 1 && (
                <Field label={`Page (of ${pages})`}>
                  <Input
                    name="jump-to-page"
                    className={styles.narrow}
                    type="number"
                    min={1}
                    max={pages}
                    value={jump}
                    placeholder={String(page)}
                    onChange={(_, d) => setJump(d.value)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter') goTo();
                    }}
                    aria-label="Jump to page"
                  />
                </Field>
              )}
              {pages > 1 && (
                <Button size="small" onClick={goTo} disabled={jump === ''}>
                  Go
                </Button>
              )}
              <Pager page={page} pageSize={pageSize} total={list.total} onPage={setPage} label="persons" />
            </div>
          </>
        )}
      </ListStates>
      <RunItemDrawer
        item={open}
        onClose={() => setOpen(undefined)}
        {...(props.connection
          ? {
              actions: (item: RunItem) => (
                <PersonActions
                  key={`${run.id}|${item.employeeNumber}`}
                  item={item}
                  connection={props.connection as PersonActionsConnection}
                  onRun={(queued) => props.onRun?.(queued)}
                />
              ),
            }
          : {})}
      />
    </section>
  );
}
