/**
 * One connection: what it connects, its state, how far configuration got (the five-step bar),
 * when it last synced and will sync next, its runs, and every operation its state allows.
 */
import {
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Text,
  ToolbarButton,
  ToolbarDivider,
} from '@fluentui/react-components';
import { EditRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { call } from '../api/client.ts';
import {
  FINISHED_RUN_STATUSES,
  formatSchedule,
  getConnection,
  saveSourceStep,
  simulate,
  updateConnection,
} from '../api/contracts.ts';
import { usePolling, useResource } from '../api/use-resource.ts';
import { hrefFor, navigate, type StepNumber } from '../app/routes.ts';
import { AuditLogsButton } from '../audit/AuditLogsButton.tsx';
import { useSession } from '../auth/session-context.tsx';
import { ConnectionActions } from '../connection-ops/ConnectionActions.tsx';
import { ContinueSetupButton, takeJustCreated, unfinishedStep } from '../setup/continue-setup.tsx';
import { NextStepButton } from '../setup/next-step.tsx';
import { RunStatusBadge, StateBadge } from '../ui/Badges.tsx';
import { CommandBar } from '../ui/CommandBar.tsx';
import { ConnectionScope } from '../ui/ConnectionScope.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime, formatDateTimeWithRelative } from '../ui/format.ts';
import { RUN_KIND_LABELS, SOURCE_SYSTEM_LABELS, STEP_TITLES, TENANT_TYPE_LABELS } from '../ui/labels.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { PageNotLoaded } from '../ui/PageNotLoaded.tsx';
import { PropertyList } from '../ui/PropertyList.tsx';
import { SectionCard } from '../ui/SectionCard.tsx';
import { ConnectionWarnings } from './ConnectionWarnings.tsx';
import { OverridesAndQuarantine } from './OverridesAndQuarantine.tsx';
import { RecentRuns } from './RecentRuns.tsx';
import { RenameDialog } from './RenameDialog.tsx';
import { StepProgress } from './StepProgress.tsx';
import { SyncCommands } from './SyncCommands.tsx';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    gap: '16px',
    alignItems: 'start',
    // Side by side, the details' value column has no room below a laptop's width: stack the cards.
    '@media (max-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  stack: { display: 'flex', flexDirection: 'column', gap: '16px' },
});

export function ConnectionDetailsPage(props: { readonly id: string }) {
  const styles = useStyles();
  const { can } = useSession();
  const [renaming, setRenaming] = useState(false);
  const [justCreated] = useState(() => takeJustCreated(props.id));
  const connection = useResource(() => call(getConnection, { params: { id: props.id } }), props.id);
  const c = connection.data;
  const latestRunning =
    c?.latestRun && !FINISHED_RUN_STATUSES.includes(c.latestRun.status) && c.latestRun.status !== 'blocked';
  usePolling(Boolean(latestRunning), 2000, connection.reload);

  if (!c) {
    return (
      <PageNotLoaded
        crumbs={[{ label: 'Connections', href: '#/connections' }]}
        title="Connection"
        loadingLabel="Loading the connection…"
        error={connection.error}
        onRetry={connection.reload}
      />
    );
  }

  const current = c.steps.find((s) => s.status === 'current');
  const showCreated = justCreated && can(saveSourceStep) && unfinishedStep(c) !== null;
  const refreshKey = `${c.updatedAt}-${c.latestRun?.id ?? ''}-${c.latestRun?.status ?? ''}`;

  return (
    <ConnectionScope timeZone={c.timeZone} tenantType={c.destinationType}>
      <PageHeader
        crumbs={[{ label: 'Connections', href: '#/connections' }, { label: c.name }]}
        title={c.name}
        badge={<StateBadge state={c.state} />}
        subtitle={c.description || undefined}
      />
      <CommandBar label="Connection commands">
        <ConnectionActions
          target={c}
          onChanged={connection.reload}
          onDeleted={() => navigate({ page: 'connections' })}
          onSimulated={(run) => navigate({ page: 'run', id: run.id })}
        />
        <SyncCommands connection={c} onQueued={(run) => navigate({ page: 'run', id: run.id })} />
        <ToolbarDivider />
        {can(updateConnection) && (
          <ToolbarButton icon={<EditRegular />} onClick={() => setRenaming(true)}>
            Edit name
          </ToolbarButton>
        )}
        <AuditLogsButton filter={{ connectionId: c.id }} />
      </CommandBar>
      <ErrorMessage error={connection.error} onRetry={connection.reload} />
      {showCreated && (
        <MessageBar intent="success" layout="multiline" data-testid="connection-created">
          <MessageBarBody>
            <MessageBarTitle>Connection created</MessageBarTitle>“{c.name}” is a draft until its five
            configuration steps are done and it is activated.
          </MessageBarBody>
          <MessageBarActions>
            <ContinueSetupButton connection={c} autoFocus />
          </MessageBarActions>
        </MessageBar>
      )}
      <div className={styles.stack}>
        <ConnectionWarnings warnings={c.warnings} />
        <SectionCard
          title="Configuration"
          description={
            c.state === 'simulation'
              ? current
                ? 'Steps 1–4 are confirmed. Step 5: simulate, review what would change, then activate.'
                : 'All steps are confirmed; the connection is not active yet.'
              : current
                ? `Next: step ${current.number}, ${STEP_TITLES[current.number as StepNumber].toLowerCase()}.`
                : c.state === 'draft'
                  ? 'Open a step to continue.'
                  : 'All steps are confirmed. Open a step to review or change it.'
          }
        >
          <StepProgress connection={c} />
          {can(saveSourceStep) && !showCreated && unfinishedStep(c) !== null && (
            <div style={{ marginTop: 12 }}>
              <ContinueSetupButton connection={c} />
            </div>
          )}
          {can(simulate) && c.state === 'simulation' && (
            <div style={{ marginTop: 12 }}>
              <NextStepButton connection={c} why={c.activation.reason} />
            </div>
          )}
        </SectionCard>
        <div className={styles.grid}>
          <SectionCard title="Details">
            <PropertyList
              items={[
                ['Name', c.name],
                ['State', <StateBadge key="s" state={c.state} />],
                ['Source system', SOURCE_SYSTEM_LABELS[c.sourceSystem]],
                ['Destination type', TENANT_TYPE_LABELS[c.destinationType]],
                ['Customer', c.customer?.name ?? 'Not chosen yet (step 2)'],
                ['Tenant', c.tenant?.name ?? 'Not chosen yet (step 2)'],
                ['Organisation', c.organisation.name],
                ['Last synchronisation', formatDateTimeWithRelative(c.lastSyncAt, 'Never', c.timeZone)],
                [
                  'Next synchronisation',
                  formatDateTimeWithRelative(c.nextRunAt, 'Not scheduled', c.timeZone),
                ],
                [
                  'Schedule',
                  formatSchedule(c.schedule, c.timeZone, { nextRunAt: c.nextRunAt, now: Date.now() }),
                ],
                ['Time zone', c.timeZone],
                [
                  'Latest simulation',
                  c.simulationCurrent
                    ? 'Matches the current configuration'
                    : 'None for the current configuration',
                ],
              ]}
            />
          </SectionCard>
          <SectionCard
            title="Latest run"
            action={
              <Link href={hrefFor({ page: 'audit', filter: { connectionId: c.id } })}>View audit logs</Link>
            }
          >
            {c.latestRun ? (
              <PropertyList
                items={[
                  [
                    'Run',
                    <Link key="r" href={hrefFor({ page: 'run', id: c.latestRun.id })}>
                      {RUN_KIND_LABELS[c.latestRun.kind]} of{' '}
                      {formatDateTime(c.latestRun.requestedAt, '—', c.timeZone)}
                    </Link>,
                  ],
                  [
                    'Status',
                    <RunStatusBadge key="s" status={c.latestRun.status} outcome={c.latestRun.outcome} fill />,
                  ],
                  ...(c.latestRun.blockedReason
                    ? ([['Blocked because', c.latestRun.blockedReason]] as const)
                    : []),
                ]}
              />
            ) : (
              <Text>No runs yet.</Text>
            )}
          </SectionCard>
        </div>
        <SectionCard title="Runs">
          <RecentRuns connectionId={c.id} refreshKey={refreshKey} />
        </SectionCard>
        <OverridesAndQuarantine connectionId={c.id} refreshKey={refreshKey} />
      </div>
      {renaming && (
        <RenameDialog
          connection={c}
          onClose={() => setRenaming(false)}
          onSaved={() => {
            setRenaming(false);
            connection.reload();
          }}
        />
      )}
    </ConnectionScope>
  );
}
