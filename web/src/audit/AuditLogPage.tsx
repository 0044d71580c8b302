/**
 * The audit log: every operation, newest first, filtered and paged by the service; each event
 * opens in a side panel; the filtered log exports as CSV.
 */
import {
  Badge,
  Button,
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import {
  ArrowClockwiseRegular,
  ArrowDownloadRegular,
  DocumentBulletListClockRegular,
} from '@fluentui/react-icons';
import { useState } from 'react';
import { call, urlFor } from '../api/client.ts';
import { exportAuditEventsCsv, getConnection, listAuditEvents } from '../api/contracts.ts';
import type { AuditEvent } from '../api/dto.ts';
import { useResource } from '../api/use-resource.ts';
import { navigate } from '../app/routes.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTimeSeconds } from '../ui/format.ts';
import { Loading } from '../ui/Loading.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Pager } from '../ui/Pager.tsx';
import { AuditEventDrawer } from './AuditEventDrawer.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { filterFromRoute, filterToRoute } from './audit-filter.ts';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: '8px', justifyContent: 'flex-end', alignItems: 'center', marginBottom: '8px' },
  row: { cursor: 'pointer' },
  message: { maxWidth: '420px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

const OUTCOME_COLOURS = { success: 'success', failure: 'danger', refused: 'warning' } as const;
const PAGE_SIZE = 50;

export function AuditLogPage(props: { readonly filter: Readonly<Record<string, string>> }) {
  const styles = useStyles();
  const filter = filterFromRoute(props.filter);
  const key = JSON.stringify(filter);
  const [page, setPage] = useState({ key, page: 1 });
  const currentPage = page.key === key ? page.page : 1;
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
  const apply = (next: typeof filter) => navigate({ page: 'audit', filter: filterToRoute(next) });
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
        <Button
          as="a"
          href={urlFor(exportAuditEventsCsv, { query: filter })}
          download
          icon={<ArrowDownloadRegular />}
        >
          Export CSV
        </Button>
      </div>
      <ErrorMessage error={events.error} onRetry={events.reload} />
      {events.loading && !events.data ? (
        <Loading label="Loading the audit log…" />
      ) : events.data && events.data.items.length === 0 ? (
        <EmptyState
          title={filtered ? 'No events match these filters' : 'No events yet'}
          icon={<DocumentBulletListClockRegular />}
        >
          {filtered
            ? 'Widen the time range or clear a filter.'
            : 'Operations appear here as soon as they happen.'}
        </EmptyState>
      ) : (
        events.data && (
          <>
            <Table aria-label="Audit events" size="small" data-testid="audit-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell style={{ width: 190 }}>Time</TableHeaderCell>
                  <TableHeaderCell>Actor</TableHeaderCell>
                  <TableHeaderCell>Action</TableHeaderCell>
                  <TableHeaderCell>Connection</TableHeaderCell>
                  <TableHeaderCell>Person</TableHeaderCell>
                  <TableHeaderCell>Outcome</TableHeaderCell>
                  <TableHeaderCell>Message</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {events.data.items.map((e) => (
                  <TableRow
                    key={e.id}
                    className={styles.row}
                    onClick={() => setOpen(e)}
                    data-action={e.action}
                  >
                    <TableCell>
                      <Link
                        onClick={(ev) => {
                          ev.stopPropagation();
                          setOpen(e);
                        }}
                        aria-label={`Details of ${e.action} at ${formatDateTimeSeconds(e.at)}`}
                      >
                        {formatDateTimeSeconds(e.at)}
                      </Link>
                    </TableCell>
                    <TableCell>{e.actor.name}</TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{e.action}</TableCell>
                    <TableCell>{e.connection?.name ?? '—'}</TableCell>
                    <TableCell>{e.person ?? '—'}</TableCell>
                    <TableCell>
                      <Badge appearance="tint" color={OUTCOME_COLOURS[e.outcome]}>
                        {e.outcome}
                      </Badge>
                    </TableCell>
                    <TableCell>
                      <div className={styles.message} title={e.message}>
                        {e.message}
                      </div>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pager
              page={currentPage}
              pageSize={PAGE_SIZE}
              total={events.data.total}
              onPage={(p) => setPage({ key, page: p })}
              label="audit events"
            />
          </>
        )
      )}
      <AuditEventDrawer event={open} onClose={() => setOpen(undefined)} />
    </>
  );
}
