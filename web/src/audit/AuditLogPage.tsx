/**
 * The audit log: every operation, newest first, filtered and paged by the service; each event
 * opens in a side panel; the filtered log exports as CSV.
 */
import { Badge, Button, makeStyles, Text } from '@fluentui/react-components';
import { ArrowClockwiseRegular, DocumentBulletListClockRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { call, urlFor } from '../api/client.ts';
import { auditOutcome, exportAuditEventsCsv, getConnection, listAuditEvents } from '../api/contracts.ts';
import type { AuditEvent } from '../api/dto.ts';
import { useResource } from '../api/use-resource.ts';
import { hrefFor, navigate } from '../app/routes.ts';
import { type Column, DataTable, OpenLink } from '../ui/DataTable.tsx';
import { DownloadButton } from '../ui/DownloadButton.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { formatDateTimeSeconds } from '../ui/format.ts';
import { ListStates } from '../ui/ListStates.tsx';
import { RUN_OUTCOME_COLOURS } from '../ui/labels.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Pager } from '../ui/Pager.tsx';
import { AuditEventDrawer } from './AuditEventDrawer.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { filterFromRoute, filterToRoute, pageFromRoute } from './audit-filter.ts';
import { auditSentence } from './audit-sentences.ts';

const useStyles = makeStyles({
  // On a phone the count and the two buttons wrap as whole units ("34 events", "Export CSV" broke in two).
  bar: {
    display: 'flex',
    gap: '8px',
    flexWrap: 'wrap',
    justifyContent: 'flex-end',
    alignItems: 'center',
    marginBottom: '8px',
    '& > *': { whiteSpace: 'nowrap', flexShrink: 0 },
  },
  sentence: { minWidth: 0, overflowWrap: 'anywhere' },
});

const TONE_COLOURS = { good: 'success', attention: 'warning', bad: 'danger' } as const;

/**
 * A finished run wears its run badge's colour (a red "Completed with failures", a yellow "Succeeded
 * with warnings"): the same words in another colour here read as another outcome.
 */
function outcomeColour(e: AuditEvent, tone: keyof typeof TONE_COLOURS) {
  const run = e.action === 'run.finished' ? e.details['outcome'] : undefined;
  return typeof run === 'string' && Object.hasOwn(RUN_OUTCOME_COLOURS, run)
    ? RUN_OUTCOME_COLOURS[run as keyof typeof RUN_OUTCOME_COLOURS]
    : TONE_COLOURS[tone];
}
const PAGE_SIZE = 50;

function columns(open: (e: AuditEvent) => void, sentenceClass: string): readonly Column<AuditEvent>[] {
  return [
    {
      header: 'Time',
      width: 190,
      cell: (e) => (
        <OpenLink
          onOpen={() => open(e)}
          label={`Details of “${auditSentence(e)}” at ${formatDateTimeSeconds(e.at)}`}
        >
          {formatDateTimeSeconds(e.at)}
        </OpenLink>
      ),
    },
    {
      header: 'What happened',
      cell: (e) => (
        <div className={sentenceClass} title={e.message} data-testid="audit-sentence">
          {auditSentence(e)}
        </div>
      ),
    },
    {
      header: 'Outcome',
      cell: (e) => {
        // A finished run says how it ended ("Completed with failures"), as its run page does.
        const outcome = auditOutcome(e);
        const colour = outcomeColour(e, outcome.tone);
        return (
          <Badge appearance="tint" color={colour} data-colour={colour}>
            {outcome.words}
          </Badge>
        );
      },
    },
  ];
}

export function AuditLogPage(props: { readonly filter: Readonly<Record<string, string>> }) {
  const styles = useStyles();
  const filter = filterFromRoute(props.filter);
  const key = JSON.stringify(filter);
  // The page is in the URL with the filter: a reload, a shared link or Back keeps it.
  const currentPage = pageFromRoute(props.filter);
  const [open, setOpen] = useState<AuditEvent | undefined>(undefined);
  const events = useResource(
    () => call(listAuditEvents, { query: { ...filter, page: currentPage, pageSize: PAGE_SIZE } }),
    `${key}-${currentPage}`,
  );
  const connection = useResource(
    () =>
      filter.connectionId
        ? call(getConnection, { params: { id: filter.connectionId } }).catch(() => undefined)
        : Promise.resolve(undefined),
    filter.connectionId ?? '',
  );
  // A new filter starts at its first page.
  const apply = (next: typeof filter) => navigate({ page: 'audit', filter: filterToRoute(next) });
  const toPage = (p: number) => navigate({ page: 'audit', filter: filterToRoute(filter, p) });
  const total = events.data?.total;
  const lastPage = total === undefined ? undefined : Math.max(1, Math.ceil(total / PAGE_SIZE));
  // A link to a page past the end (the log was filtered or shrank since) shows the last page instead.
  useEffect(() => {
    if (lastPage !== undefined && currentPage > lastPage) {
      window.location.replace(hrefFor({ page: 'audit', filter: filterToRoute(filter, lastPage) }));
    }
  }, [lastPage, currentPage, filter]);
  const filtered = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader
        title="Audit logs"
        subtitle="Every operation in your organisation: who did what, when, on which connection, and how it ended."
      />
      {/* Remount the form when the URL's filter changes (a link, Back), so it shows that filter. */}
      <AuditFilters key={key} value={filter} connectionName={connection.data?.name} onApply={apply} />
      <div className={styles.bar}>
        <Text size={200} aria-live="polite" data-testid="audit-count">
          {events.data ? `${events.data.total} ${events.data.total === 1 ? 'event' : 'events'}` : ''}
        </Text>
        <Button icon={<ArrowClockwiseRegular />} onClick={events.reload}>
          Refresh
        </Button>
        <DownloadButton href={urlFor(exportAuditEventsCsv, { query: filter })}>Export CSV</DownloadButton>
      </div>
      <ListStates
        list={events}
        loadingLabel="Loading the audit log…"
        empty={
          <EmptyState
            title={filtered ? 'No events match these filters' : 'No events yet'}
            icon={<DocumentBulletListClockRegular />}
          >
            {filtered
              ? 'Widen the time range or clear a filter.'
              : 'Operations appear here as soon as they happen.'}
          </EmptyState>
        }
      >
        {(list) => (
          <>
            <DataTable
              label="Audit events"
              testId="audit-table"
              columns={columns(setOpen, styles.sentence)}
              rows={list.items}
              rowKey={(e) => e.id}
              onOpen={setOpen}
              rowData={(e) => ({ 'data-action': e.action })}
            />
            <Pager
              page={currentPage}
              pageSize={PAGE_SIZE}
              total={list.total}
              onPage={toPage}
              label="audit events"
            />
          </>
        )}
      </ListStates>
      <AuditEventDrawer event={open} onClose={() => setOpen(undefined)} />
    </>
  );
}
