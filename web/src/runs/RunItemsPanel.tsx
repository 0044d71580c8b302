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
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  SearchBox,
  Select,
  Switch,
  TableCellLayout,
  Text,
} from '@fluentui/react-components';
import { PeopleRegular } from '@fluentui/react-icons';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { call, urlFor } from '../api/client.ts';
import {
  ACTIONS,
  type Action,
  checkRunOperation,
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
import { breakable } from '../ui/breakable.tsx';
import { type Column, DataTable, OpenLink } from '../ui/DataTable.tsx';
import { DownloadButton } from '../ui/DownloadButton.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ListStates } from '../ui/ListStates.tsx';
import { ACTION_LABELS, ITEM_STATUS_LABELS } from '../ui/labels.ts';
import { OptionalSelect } from '../ui/OptionalSelect.tsx';
import { Pager, showListTop } from '../ui/Pager.tsx';
import { PHONE } from '../ui/phone-list.ts';
import { NO_PERSONS } from './no-persons.ts';
import { PersonActions, type PersonActionsConnection } from './PersonActions.tsx';
import { RunItemDrawer } from './RunItemDrawer.tsx';
import {
  DEFAULT_PAGE_SIZE,
  PAGE_SIZES,
  type RunReview,
  type RunReviewPatch,
  SORTS,
  type Sort,
} from './run-review.ts';

const useStyles = makeStyles({
  // On a phone each field takes the whole row: wrapped at their own widths they stood ragged (137, 129, 218 px…).
  filters: {
    display: 'flex',
    gap: '12px',
    alignItems: 'flex-end',
    flexWrap: 'wrap',
    marginBottom: '8px',
    [PHONE]: { '& > .fui-Field': { flexBasis: '100%' } },
  },
  // The two exports stay together at the row's end; on a phone "Export JSON" wrapped alone under "Export CSV".
  // Their words stay on one line: at 390 px the pair was 4 px too wide and each button read "Export" /
  // "CSV" in two lines, so a phone gives them less padding; where even that does not fit (320 px) the
  // second goes below the first, whole.
  exports: {
    display: 'flex',
    gap: '8px',
    marginLeft: 'auto',
    flexWrap: 'wrap',
    justifyContent: 'flex-end',
    '& > a': { whiteSpace: 'nowrap', flexShrink: 0 },
    [PHONE]: { '& > a': { paddingLeft: '8px', paddingRight: '8px' } },
  },
  footer: {
    display: 'flex',
    gap: '12px',
    alignItems: 'flex-end',
    flexWrap: 'wrap',
    justifyContent: 'flex-end',
  },
  narrow: { width: '7em' },
});

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
    // Short values get narrow columns (a six-digit number, "Out of scope", a status badge), so the
    // changes and the why are read as lines, not columns. The why is a sentence (a leaver's date,
    // their changes, a refusal's remedy): from 1280 px it takes a third and grows with the window; it
    // had a sixth there, 185 px, five to eight lines a person.
    { header: 'Employee number', cell: (item) => item.employeeNumber, width: 76 },
    { header: 'Action', cell: (item) => ACTION_LABELS[item.action], width: 76 },
    { header: 'Status', cell: (item) => <ItemStatusBadge status={item.status} />, width: 80 },
    // Technical names move whole to the next line, as in the why (ui/breakable.tsx).
    { header: 'Changes', cell: (item) => breakable(changeSummary(item, named)) },
    {
      header: 'Why',
      cell: (item) => <span data-testid="item-reason">{breakable(item.reason)}</span>,
      share: '34%',
    },
  ];
}

export function RunItemsPanel(props: {
  readonly run: Run;
  readonly refreshKey: string;
  /**
   * How the persons are reviewed (filters, sort, page, the open person): the page keeps it in the
   * URL, so a reload or a shared link shows the same; every change comes back through `onReview`.
   */
  readonly review: RunReview;
  /** What the URL asked for that is not applied (`sort=sideways`): said above the persons. */
  readonly ignored: readonly string[];
  /** `replace`: a change typed letter by letter, or a correction, that is no step of its own for Back. */
  readonly onReview: (next: RunReview, options?: { readonly replace?: boolean }) => void;
  /** The run's connection: the detail panel offers what can be done about a person. */
  readonly connection?: PersonActionsConnection | undefined;
  readonly onRun?: (run: Run) => void;
}) {
  const styles = useStyles();
  const named = useAttributeText();
  const { run, review } = props;
  const action = review.action ?? '';
  const status = review.status ?? '';
  const q = review.q ?? '';
  const attribute = review.attribute ?? '';
  const value = review.value ?? '';
  const sort: Sort = review.sort ?? 'name';
  const pageSize = review.pageSize ?? DEFAULT_PAGE_SIZE;
  const page = review.page;
  const exportable = checkRunOperation('export', run.status, run.kind).ok;
  const stored = run.counts
    ? Object.values(run.counts.actions).reduce((n, c) => n + c, 0) - run.unchangedCount
    : 0;
  // Opens on what changes; when nothing does, everyone is shown (with no change, by name).
  const showUnchanged = review.noChange ? review.noChange === 'show' : stored === 0;
  // The boxes hold what is typed; the URL holds what was applied (Enter), and fills them on a link or Back.
  const [draft, setDraft] = useState(q);
  const [valueDraft, setValueDraft] = useState(value);
  const [attributeDraft, setAttributeDraft] = useState(attribute);
  useEffect(() => setDraft(q), [q]);
  useEffect(() => setValueDraft(value), [value]);
  useEffect(() => setAttributeDraft(attribute), [attribute]);
  const [jump, setJump] = useState('');
  // Any change of what is shown starts at its first page; the open person stays open.
  const change = (patch: RunReviewPatch, options?: { readonly replace?: boolean }) => {
    const next: Record<string, unknown> = { ...review, page: 1, ...patch };
    for (const key of Object.keys(next)) if (next[key] === undefined || next[key] === '') delete next[key];
    props.onReview(next as unknown as RunReview, options);
  };
  const setPage = (p: number) => props.onReview({ ...review, page: p });
  // Asking for the persons with no change (the tile or the Action filter) shows them, switch or not.
  const hideUnchanged = !showUnchanged && action !== 'no-change';
  const filter = {
    ...(action ? { action } : {}),
    ...(status ? { status } : {}),
    ...(q ? { q } : {}),
    ...(attribute ? { attribute } : {}),
    ...(value ? { value } : {}),
    ...(hideUnchanged ? { changesOnly: true } : {}),
  };
  const items = useResource(
    () => call(listRunItems, { params: { id: run.id }, query: { ...filter, sort, page, pageSize } }),
    JSON.stringify({ id: run.id, filter, sort, page, pageSize, refresh: props.refreshKey }),
  );
  const onEnter = (apply: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') apply();
  };
  const filtered = Boolean(action || status || q || attribute || value);
  const total = items.data?.total;
  const pages = total === undefined ? 1 : Math.max(1, Math.ceil(total / pageSize));
  // A link to a page past the end (the filter matches fewer persons now) shows the last page instead.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the numbers are the trigger
  useEffect(() => {
    if (total !== undefined && page > pages) props.onReview({ ...review, page: pages }, { replace: true });
  }, [total, page, pages]);
  const goTo = (from: HTMLElement) => {
    const n = Number(jump);
    if (Number.isInteger(n) && n >= 1) {
      showListTop(from);
      setPage(Math.min(n, pages));
    }
    setJump('');
  };
  // The open person: from the page shown, else looked up by their employee number (a shared link).
  const person = review.person;
  const onPage = person ? items.data?.items.find((i) => i.employeeNumber === person) : undefined;
  const lookedUp = useResource(
    () =>
      person && !onPage && items.data
        ? call(listRunItems, { params: { id: run.id }, query: { q: person, pageSize: 50 } }).then((found) =>
            found.items.find((i) => i.employeeNumber === person),
          )
        : Promise.resolve(undefined),
    `${run.id}|${person ?? ''}|${onPage ? 'on-page' : items.data ? 'look-up' : 'wait'}`,
  );
  const found = onPage ?? lookedUp.data;
  // The person last shown stays in their panel while the list reloads (a live run's progress).
  const [shown, setShown] = useState<RunItem | undefined>(undefined);
  useEffect(() => {
    if (found) setShown(found);
  }, [found]);
  const open =
    person === undefined ? undefined : (found ?? (shown?.employeeNumber === person ? shown : undefined));
  const missing = person !== undefined && items.data !== undefined && !found && !lookedUp.loading;
  const openPerson = (item: RunItem) => {
    setShown(item);
    props.onReview({ ...review, person: item.employeeNumber });
  };
  const closePerson = () => {
    const { person: _closed, ...rest } = review;
    props.onReview(rest, { replace: true });
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
          onChange={(a) => change({ action: a || undefined })}
        />
        <OptionalSelect<ItemStatus>
          label="Status"
          name="filter-status"
          value={status}
          noneLabel="All statuses"
          options={ITEM_STATUSES}
          optionLabel={(st) => ITEM_STATUS_LABELS[st].label}
          onChange={(st) => change({ status: st || undefined })}
        />
        <Field label="Name or employee number">
          <SearchBox
            value={draft}
            onChange={(_, d) => {
              setDraft(d.value);
              if (d.value === '' && q !== '') change({ q: undefined });
            }}
            onKeyDown={onEnter(() => change({ q: draft.trim() || undefined }))}
            placeholder="Search, press Enter"
            // The service takes this much: a longer text is cut while typing, not refused as "q: …".
            maxLength={RunItemFilter.q.maxLength}
            aria-label="Search persons by name or employee number"
          />
        </Field>
        <Field label="Changed attribute">
          <Input
            name="filter-attribute"
            value={attributeDraft}
            placeholder="e.g. department"
            maxLength={RunItemFilter.attribute.maxLength}
            onChange={(_, d) => {
              // Applied as it is typed; one history entry for the whole word, not one per letter.
              setAttributeDraft(d.value);
              change({ attribute: d.value.trim() || undefined }, { replace: attribute !== '' });
            }}
            aria-label="Only persons whose change includes this attribute"
          />
        </Field>
        <Field label="Old or new value">
          <SearchBox
            value={valueDraft}
            onChange={(_, d) => {
              setValueDraft(d.value);
              if (d.value === '' && value !== '') change({ value: undefined });
            }}
            onKeyDown={onEnter(() => change({ value: valueDraft.trim() || undefined }))}
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
              change({ sort: d.value as Sort });
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
            change({ noChange: d.checked ? 'show' : 'hide' });
          }}
          data-testid="show-unchanged"
        />
        {/* Offered by the table the service checks: a run still queued or running has no file yet. */}
        {exportable ? (
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
        ) : (
          <Text size={200} className={styles.exports} data-testid="exports-later">
            Exports once the run has finished
          </Text>
        )}
      </div>
      {props.ignored.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="review-ignored">
          <MessageBarBody>
            This link asks for {props.ignored.map((i) => `“${i}”`).join(', ')}, which this page does not know;
            it shows its default instead.
          </MessageBarBody>
        </MessageBar>
      )}
      {missing && (
        <MessageBar intent="warning" layout="multiline" data-testid="review-missing-person">
          <MessageBarBody>No person with employee number “{person}” is in this run.</MessageBarBody>
          <MessageBarActions>
            <Button onClick={closePerson}>Dismiss</Button>
          </MessageBarActions>
        </MessageBar>
      )}
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
              columns={columns(openPerson, named)}
              rows={list.items}
              rowKey={(item) => item.employeeNumber}
              onOpen={openPerson}
              rowData={(item) => ({ 'data-employee': item.employeeNumber })}
            />
            <div className={styles.footer}>
              <Field label="Per page">
                <Select
                  name="page-size"
                  className={styles.narrow}
                  value={String(pageSize)}
                  onChange={(_, d) => {
                    change({ pageSize: Number(d.value) });
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
                      if (event.key === 'Enter') goTo(event.currentTarget);
                    }}
                    aria-label="Jump to page"
                  />
                </Field>
              )}
              {pages > 1 && (
                <Button size="small" onClick={(event) => goTo(event.currentTarget)} disabled={jump === ''}>
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
        onClose={closePerson}
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
