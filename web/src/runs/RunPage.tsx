/**
 * The results of one run (a simulation, a sync or an on-demand sync): live progress while it
 * runs, then the summary, the blocked reason with Approve/Discard, and every person's result.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Text,
  ToolbarButton,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, DismissCircleRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import { call } from '../api/client.ts';
import {
  approveRun,
  cancelRun,
  checkRunOperation,
  discardRun,
  FINISHED_RUN_STATUSES,
  getConnection,
  getRun,
} from '../api/contracts.ts';
import { useAction } from '../api/use-action.ts';
import { usePolling, useResource } from '../api/use-resource.ts';
import { hrefFor, navigate } from '../app/routes.ts';
import { AuditLogsButton } from '../audit/AuditLogsButton.tsx';
import { useSession } from '../auth/session-context.tsx';
import { RunStatusBadge } from '../ui/Badges.tsx';
import { CommandBar } from '../ui/CommandBar.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ConnectionScope } from '../ui/ConnectionScope.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTimeSeconds, formatDuration, organisationTimeZone } from '../ui/format.ts';
import { RUN_KIND_LABELS } from '../ui/labels.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { PageNotLoaded } from '../ui/PageNotLoaded.tsx';
import { PropertyList } from '../ui/PropertyList.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';
import { DecisionDialog } from './DecisionDialog.tsx';
import { LicencePools } from './LicencePools.tsx';
import { ActivateAnywayButton, offersActivateAnywayFrom, ReadyToActivate } from './ReadyToActivate.tsx';
import { COMPARABLE_RUN_STATUSES, RunCompare } from './RunCompare.tsx';
import { RunCounts, type TileFilter } from './RunCounts.tsx';
import { RunItemsPanel } from './RunItemsPanel.tsx';
import { RunProgress } from './RunProgress.tsx';
import { ignoredInRoute, type RunReview, reviewFromRoute, reviewToRoute } from './run-review.ts';
import { corrections, StepToCorrect } from './StepToCorrect.tsx';

/** The service's reasons are phrases ("4 disables + deletes, over the limit of 2"); end them. */
const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: '16px' },
  grid: {
    display: 'grid',
    // The run's facts wide enough on a desktop for its status in full words ("Completed with failures",
    // as the header says it), the summary's tiles still four to a row.
    gridTemplateColumns: 'minmax(260px, 1fr) minmax(0, 1.5fr)',
    gap: '16px',
    alignItems: 'start',
    // On a phone the run's facts and its summary stand one above the other, not the summary cut off.
    '@media (max-width: 700px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
});

export function RunPage(props: { readonly id: string; readonly filter: Readonly<Record<string, string>> }) {
  const styles = useStyles();
  const { can } = useSession();
  const run = useResource(() => call(getRun, { params: { id: props.id } }), props.id);
  const r = run.data;
  const connection = useResource(
    () => (r ? call(getConnection, { params: { id: r.connectionId } }) : Promise.resolve(undefined)),
    r?.connectionId ?? '',
  );
  const [decision, setDecision] = useState<'approve' | 'discard' | null>(null);
  const [cancelling, setCancelling] = useState(false);
  // How the persons are reviewed lives in the URL (a reload, a shared link, Back keep it).
  const review = reviewFromRoute(props.filter);
  const toReview = (next: RunReview, options?: { readonly replace?: boolean }) =>
    navigate({ page: 'run', id: props.id, filter: reviewToRoute(next) }, options);
  // A summary tile filters the persons below (from their first page); clicking it again clears it.
  const tile: TileFilter = {
    ...(review.action ? { action: review.action } : {}),
    ...(review.status ? { status: review.status } : {}),
  };
  const setTile = (next: TileFilter) => {
    const { action: _a, status: _s, ...rest } = review;
    toReview({ ...rest, ...next, page: 1 });
  };
  const cancel = useAction(() => call(cancelRun, { params: { id: props.id } }));
  const live = r !== undefined && r.status !== 'blocked' && !FINISHED_RUN_STATUSES.includes(r.status);
  usePolling(live, 1000, run.reload);
  // The connection's activation gate judges its latest simulation: once this run ends, ask again.
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) connection.reload();
    wasLive.current = live;
  }, [live, connection.reload]);

  if (!r) {
    return (
      <PageNotLoaded
        crumbs={[{ label: 'Connections', href: '#/connections' }]}
        title="Run"
        loadingLabel="Loading the run…"
        error={run.error}
        onRetry={run.reload}
      />
    );
  }

  // Until the connection is loaded the run is titled by its kind alone (not by a placeholder name).
  const name = connection.data?.name;
  const named = name ?? 'this connection';
  const zone = connection.data?.timeZone ?? organisationTimeZone();
  const title = `${RUN_KIND_LABELS[r.kind]}${r.employeeNumber ? ` of employee ${r.employeeNumber}` : ''}`;
  const mayCancel = can(cancelRun) && checkRunOperation('cancel', r.status, r.kind).ok;
  const blocked = r.status === 'blocked';
  // The same table the service checks: approve/discard only for a blocked sync.
  const decidable = checkRunOperation('approve', r.status, r.kind).ok;
  // A blocked simulation cannot be approved; the activation gate lets an admin activate anyway.
  const anyway =
    blocked && connection.data !== undefined && offersActivateAnywayFrom(r, connection.data, can);
  // Items change while a run progresses; reload them each time the run's counts move.
  const refreshKey = `${r.status}-${r.progress?.done ?? ''}-${r.finishedAt ?? ''}`;
  const fixes = r.error ? corrections(r.connectionId, r.error) : [];

  return (
    <ConnectionScope timeZone={zone} tenantType={connection.data?.destinationType ?? null}>
      <PageHeader
        crumbs={[
          { label: 'Connections', href: '#/connections' },
          { label: name ?? 'Connection', href: hrefFor({ page: 'connection', id: r.connectionId }) },
          { label: title },
        ]}
        title={name === undefined ? title : `${title} — ${name}`}
        badge={<RunStatusBadge status={r.status} outcome={r.outcome} />}
        subtitle={
          r.kind === 'simulation'
            ? 'A simulation shows what a sync would do. Nothing was written.'
            : undefined
        }
      />
      <CommandBar label="Run commands">
        <ToolbarButton icon={<ArrowClockwiseRegular />} onClick={run.reload}>
          Refresh
        </ToolbarButton>
        {mayCancel && (
          <ToolbarButton icon={<DismissCircleRegular />} onClick={() => setCancelling(true)}>
            Cancel run
          </ToolbarButton>
        )}
        <AuditLogsButton filter={{ runId: r.id }} />
      </CommandBar>
      <div className={styles.stack}>
        {live && <RunProgress run={r} />}
        {connection.data && <ReadyToActivate run={r} connection={connection.data} />}
        {blocked && (
          <MessageBar intent="warning" layout="multiline" data-testid="blocked-run">
            <MessageBarBody>
              <MessageBarTitle>This run is blocked</MessageBarTitle>
              {sentence(r.blockedReason ?? 'A safety threshold was breached')} Nothing has been applied.{' '}
              {decidable
                ? 'Approve it to apply the changes anyway, or discard it.'
                : 'A simulation applies nothing: review the items, change the thresholds or the data and simulate again — or an admin activates anyway with a written reason.'}
            </MessageBarBody>
            {anyway && connection.data && (
              <MessageBarActions>
                <ActivateAnywayButton connection={connection.data} />
              </MessageBarActions>
            )}
            {decidable && (can(approveRun) || can(discardRun)) && (
              <MessageBarActions>
                {can(approveRun) && (
                  <Button appearance="primary" onClick={() => setDecision('approve')}>
                    Approve
                  </Button>
                )}
                {can(discardRun) && <Button onClick={() => setDecision('discard')}>Discard</Button>}
              </MessageBarActions>
            )}
          </MessageBar>
        )}
        {r.error && (
          <ErrorMessage
            error={new ApiError(0, r.error.code, r.error.message)}
            action={fixes.length > 0 ? <StepToCorrect corrections={fixes} /> : undefined}
          />
        )}
        {(r.approval || r.discard) && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              {r.approval && (
                <div>
                  Approved by {r.approval.byName} on {formatDateTimeSeconds(r.approval.at, '—', zone)}: “
                  {r.approval.reason}”
                </div>
              )}
              {r.discard && (
                <div>
                  Discarded by {r.discard.byName} on {formatDateTimeSeconds(r.discard.at, '—', zone)}: “
                  {r.discard.reason}”
                </div>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.grid}>
          <SectionCard title="Run">
            <PropertyList
              items={[
                ['Kind', RUN_KIND_LABELS[r.kind]],
                ['Status', <RunStatusBadge key="s" status={r.status} outcome={r.outcome} fill />],
                ['Requested', `${formatDateTimeSeconds(r.requestedAt, '—', zone)} by ${r.requestedByName}`],
                ['Started', formatDateTimeSeconds(r.startedAt, '—', zone)],
                ['Finished', formatDateTimeSeconds(r.finishedAt, '—', zone)],
                ['Duration', formatDuration(r.durationMs)],
                ['Persons in AFAS', r.sourceCount === null ? '—' : String(r.sourceCount)],
                // Only a run that was tried again says so: "Attempt 1 of 3" on every run read as noise.
                ...(r.attempt > 1 ? ([['Attempt', `${r.attempt} of ${r.maxAttempts}`]] as const) : []),
                ...(r.blockedReason ? ([['Blocked because', r.blockedReason]] as const) : []),
              ]}
            />
          </SectionCard>
          <SectionCard title="Summary">
            {r.counts ? (
              <RunCounts run={r} selected={tile} onPick={setTile} />
            ) : (
              <Text>The summary appears when the run has planned its work.</Text>
            )}
          </SectionCard>
        </div>
        {r.counts?.licencePools && r.counts.licencePools.length > 0 && (
          <SectionCard title="Licences">
            <LicencePools pools={r.counts.licencePools} />
          </SectionCard>
        )}
        {COMPARABLE_RUN_STATUSES.includes(r.status) && (
          <SectionCard
            title="What changed"
            description="Compare this run with another finished run of this connection, such as the last sync."
          >
            <RunCompare run={r} />
          </SectionCard>
        )}
        <SectionCard title="Persons">
          <RunItemsPanel
            run={r}
            refreshKey={refreshKey}
            review={review}
            ignored={ignoredInRoute(props.filter)}
            onReview={toReview}
            connection={
              connection.data ? { id: connection.data.id, state: connection.data.state } : undefined
            }
            onRun={(queued) => navigate({ page: 'run', id: queued.id })}
          />
        </SectionCard>
      </div>
      {decision && (
        <DecisionDialog
          run={r}
          connectionName={named}
          decision={decision}
          onClose={() => setDecision(null)}
          onDecided={() => {
            setDecision(null);
            run.reload();
          }}
        />
      )}
      <ConfirmDialog
        open={cancelling}
        title="Cancel run"
        confirmLabel="Cancel run"
        cancelLabel="Keep running"
        busy={cancel.busy}
        error={cancel.error}
        onCancel={() => setCancelling(false)}
        onConfirm={async () => {
          if (await cancel.run()) {
            setCancelling(false);
            run.reload();
          }
        }}
      >
        Stop this {RUN_KIND_LABELS[r.kind].toLowerCase()} of {name === undefined ? named : `“${name}”`}? Work
        already applied stays applied.
      </ConfirmDialog>
    </ConnectionScope>
  );
}
