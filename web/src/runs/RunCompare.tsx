/**
 * "What changed since …": compares this run with another finished run of the same connection
 * (by default the latest one before it) and lists the persons whose action, outcome or values differ.
 */
import { Button, Field, makeStyles, Select, Spinner, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { compareRuns, listRuns } from '../api/contracts.ts';
import type { Run, RunComparison } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useResource } from '../api/use-resource.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { RUN_KIND_LABELS, runStatusLabel } from '../ui/labels.ts';
import { useTimeZone } from '../ui/time-zone.ts';
import { useWrittenOutBox, useWrittenOutId, WrittenOut } from '../ui/WrittenOut.tsx';
import { DifferenceList } from './DifferenceList.tsx';

/** The same rule the service applies: runs whose items are the plan they made. */
export const COMPARABLE_RUN_STATUSES: readonly Run['status'][] = ['succeeded', 'blocked', 'discarded'];

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: '12px' },
  row: { display: 'flex', gap: '8px', alignItems: 'flex-end', flexWrap: 'wrap' },
});

// The run's outcome, as its badge says it: "Succeeded" named a run completed with failures too.
const describe = (r: Run, zone: string) =>
  `${RUN_KIND_LABELS[r.kind]} of ${formatDateTime(r.startedAt ?? r.requestedAt, '—', zone)} — ${runStatusLabel(r.status, r.outcome).label}`;

export function RunCompare(props: { readonly run: Run }) {
  const styles = useStyles();
  const box = useWrittenOutBox();
  const writtenOut = useWrittenOutId();
  const zone = useTimeZone();
  const runs = useResource(
    () => call(listRuns, { params: { id: props.run.connectionId }, query: { pageSize: 100 } }),
    props.run.connectionId,
  );
  const others = (runs.data?.items ?? []).filter(
    (r) => r.id !== props.run.id && COMPARABLE_RUN_STATUSES.includes(r.status) && r.itemsPrunedAt === null,
  );
  // The default: the latest run requested before this one ("since the last sync"), else the newest.
  const earlier = others.find((r) => r.requestedAt < props.run.requestedAt) ?? others[0];
  const [chosen, setChosen] = useState<string | null>(null);
  const base = chosen ?? earlier?.id ?? '';
  const [result, setResult] = useState<RunComparison | null>(null);
  const compare = useAction(async () => {
    const answer = await call(compareRuns, { params: { id: props.run.id }, query: { with: base } });
    setResult(answer);
    return answer;
  });

  // Until the runs arrive there is nothing to choose: an empty select would look like a broken one.
  if (!runs.data && !runs.error) return <Spinner size="tiny" label="Loading the runs to compare with…" />;
  if (runs.data && others.length === 0) {
    return <Text>There is no other finished run of this connection to compare with.</Text>;
  }
  const baseRun = result?.base;
  const chosenRun = others.find((r) => r.id === base);
  return (
    <div className={styles.stack}>
      <div className={styles.row}>
        {/* A run's name is longer than a phone's select shows: written out whole under it. */}
        <div className={box}>
          <Field label="Compare with">
            <Select
              value={base}
              onChange={(_, d) => setChosen(d.value)}
              name="compare-with"
              data-written-out={writtenOut}
            >
              {others.map((r) => (
                <option key={r.id} value={r.id}>
                  {describe(r, zone)}
                </option>
              ))}
            </Select>
          </Field>
          <WrittenOut
            id={writtenOut}
            text={chosenRun && describe(chosenRun, zone)}
            data-testid="compare-with-chosen"
          />
        </div>
        <Button
          appearance="primary"
          disabledFocusable={!base || compare.busy}
          icon={compare.busy ? <Spinner size="tiny" /> : null}
          onClick={() => void compare.run()}
        >
          Compare
        </Button>
      </div>
      <ErrorMessage error={compare.error ?? runs.error} />
      {result && baseRun && (
        <DifferenceList
          key={`${baseRun.id}-${result.run.id}`}
          testId="run-differences"
          summary={result.difference}
          first={result.persons}
          beforeLabel={`That run (${formatDateTime(baseRun.startedAt ?? baseRun.requestedAt, '—', zone)})`}
          afterLabel="This run"
          load={async (query) =>
            (await call(compareRuns, { params: { id: props.run.id }, query: { with: baseRun.id, ...query } }))
              .persons
          }
        />
      )}
    </div>
  );
}
