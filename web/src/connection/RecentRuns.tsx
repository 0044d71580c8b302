/** The connection's latest runs, each linking to its results. */
import {
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { call } from '../api/client.ts';
import { listRuns } from '../api/contracts.ts';
import { useResource } from '../api/use-resource.ts';
import { hrefFor } from '../app/routes.ts';
import { RunStatusBadge } from '../ui/Badges.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime, formatDuration } from '../ui/format.ts';
import { Loading } from '../ui/Loading.tsx';
import { RUN_KIND_LABELS } from '../ui/labels.ts';

export function RecentRuns(props: { readonly connectionId: string; readonly refreshKey: string }) {
  const runs = useResource(
    () => call(listRuns, { params: { id: props.connectionId }, query: { pageSize: 10 } }),
    `${props.connectionId}-${props.refreshKey}`,
  );
  if (runs.error) return <ErrorMessage error={runs.error} onRetry={runs.reload} />;
  if (!runs.data) return <Loading label="Loading runs…" />;
  if (runs.data.items.length === 0) {
    return <Text>No runs yet. Simulate the connection to see what a sync would change.</Text>;
  }
  return (
    <Table aria-label="Recent runs" size="small" data-testid="recent-runs">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Run</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Requested</TableHeaderCell>
          <TableHeaderCell>By</TableHeaderCell>
          <TableHeaderCell>Duration</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {runs.data.items.map((r) => (
          <TableRow key={r.id}>
            <TableCell>
              <Link href={hrefFor({ page: 'run', id: r.id })}>
                {RUN_KIND_LABELS[r.kind]}
                {r.employeeNumber ? ` of ${r.employeeNumber}` : ''}
              </Link>
            </TableCell>
            <TableCell>
              <RunStatusBadge status={r.status} />
            </TableCell>
            <TableCell>{formatDateTime(r.requestedAt)}</TableCell>
            <TableCell>{r.requestedBy}</TableCell>
            <TableCell>{formatDuration(r.durationMs)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
