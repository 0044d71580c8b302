/** The connection's latest runs, each linking to its results. */
import { Link, Text } from '@fluentui/react-components';
import { call } from '../api/client.ts';
import { listRuns } from '../api/contracts.ts';
import type { Run } from '../api/dto.ts';
import { useResource } from '../api/use-resource.ts';
import { hrefFor } from '../app/routes.ts';
import { RunStatusBadge } from '../ui/Badges.tsx';
import { type Column, DataTable } from '../ui/DataTable.tsx';
import { formatDateTime, formatDuration } from '../ui/format.ts';
import { ListStates } from '../ui/ListStates.tsx';
import { RUN_KIND_LABELS } from '../ui/labels.ts';
import { useTimeZone } from '../ui/time-zone.ts';

const columns = (zone: string): readonly Column<Run>[] => [
  {
    header: 'Run',
    cell: (r) => (
      <Link href={hrefFor({ page: 'run', id: r.id })}>
        {RUN_KIND_LABELS[r.kind]}
        {r.employeeNumber ? ` of ${r.employeeNumber}` : ''}
      </Link>
    ),
  },
  // Wide enough for "Completed with failures" beside the others; narrower, the badge says it short.
  {
    header: 'Status',
    width: 200,
    cell: (r) => <RunStatusBadge status={r.status} outcome={r.outcome} fill />,
  },
  { header: 'Requested', cell: (r) => formatDateTime(r.requestedAt, '—', zone) },
  { header: 'By', cell: (r) => r.requestedByName },
  { header: 'Duration', cell: (r) => formatDuration(r.durationMs) },
];

export function RecentRuns(props: { readonly connectionId: string; readonly refreshKey: string }) {
  const zone = useTimeZone();
  const runs = useResource(
    () => call(listRuns, { params: { id: props.connectionId }, query: { pageSize: 10 } }),
    `${props.connectionId}-${props.refreshKey}`,
  );
  return (
    <ListStates
      list={runs}
      loadingLabel="Loading runs…"
      empty={<Text>No runs yet. Simulate the connection to see what a sync would change.</Text>}
    >
      {(page) => (
        <DataTable
          label="Recent runs"
          testId="recent-runs"
          columns={columns(zone)}
          rows={page.items}
          rowKey={(r) => r.id}
        />
      )}
    </ListStates>
  );
}
