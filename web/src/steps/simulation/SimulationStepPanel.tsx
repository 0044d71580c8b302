/**
 * Step 5: simulate (the whole pipeline with nothing written), review what would change, then
 * activate and schedule. Activation needs a simulation of the current configuration — the
 * service says so in `simulationCurrent`, and the button explains it when it is missing.
 */
import { Button, Link, makeStyles, Spinner, Text } from '@fluentui/react-components';
import { BeakerRegular, CalendarClockRegular, PlayCircleRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { activateConnection, checkOperation, listRuns, setSchedule, simulate } from '../../api/contracts.ts';
import type { ConnectionDetails } from '../../api/dto.ts';
import { useAction } from '../../api/use-action.ts';
import { useResource } from '../../api/use-resource.ts';
import { hrefFor, navigate } from '../../app/routes.ts';
import { useSession } from '../../auth/session-context.tsx';
import { ActivateAnywayDialog, offersActivateAnyway } from '../../connection-ops/ActivateAnywayDialog.tsx';
import { offersSaveAndActivate, ScheduleDialog } from '../../connection-ops/ScheduleDialog.tsx';
import { RunCounts } from '../../runs/RunCounts.tsx';
import { RunStatusBadge } from '../../ui/Badges.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { formatDateTime, formatDateTimeWithRelative } from '../../ui/format.ts';
import { NumberedStep } from './NumberedStep.tsx';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '16px' },
  latest: { display: 'flex', flexDirection: 'column', gap: '8px', alignItems: 'flex-start' },
});

export function SimulationStepPanel(props: {
  readonly connection: ConnectionDetails;
  readonly onChanged: () => void;
}) {
  const styles = useStyles();
  const { can } = useSession();
  const c = props.connection;
  const [dialog, setDialog] = useState<'activate' | 'anyway' | 'schedule' | null>(null);
  const runs = useResource(
    () => call(listRuns, { params: { id: c.id }, query: { pageSize: 20 } }),
    `${c.id}-${c.latestRun?.id ?? ''}-${c.latestRun?.status ?? ''}`,
  );
  const lastSimulation = runs.data?.items.find((r) => r.kind === 'simulation');
  const startSimulation = useAction(() => call(simulate, { params: { id: c.id } }));
  const activate = useAction(() => call(activateConnection, { params: { id: c.id } }));

  const simulateCheck = checkOperation('simulate', c.state);
  // The service's activation gate (contracts/activation-gate.ts), the same one it enforces.
  const activateBlocker = c.activation.kind === 'allowed' ? null : c.activation.reason;
  const mayActivateAnyway = offersActivateAnyway(c, can);
  const scheduleCheck = checkOperation('setSchedule', c.state);

  return (
    <>
      <ol className={styles.list}>
        <NumberedStep number={1} title="Simulate">
          <Text>
            A simulation reads AFAS and the tenant and shows every account it would create, change, disable or
            delete. Nothing is written.
          </Text>
          {lastSimulation ? (
            <div className={styles.latest} data-testid="last-simulation">
              <Text>
                Latest simulation:{' '}
                <RunStatusBadge status={lastSimulation.status} outcome={lastSimulation.outcome} /> requested{' '}
                {formatDateTime(lastSimulation.requestedAt, '—', c.timeZone)} by{' '}
                {lastSimulation.requestedByName}.{' '}
                {c.simulationCurrent
                  ? 'It matches the current configuration.'
                  : 'The configuration changed since.'}
              </Text>
              {lastSimulation.counts && <RunCounts run={lastSimulation} compact />}
              <Link href={hrefFor({ page: 'run', id: lastSimulation.id })}>Review the results</Link>
            </div>
          ) : (
            <Text italic>No simulation yet.</Text>
          )}
          {can(simulate) && (
            <Button
              appearance={c.simulationCurrent ? 'secondary' : 'primary'}
              icon={startSimulation.busy ? <Spinner size="tiny" /> : <BeakerRegular />}
              disabledFocusable={!simulateCheck.ok || startSimulation.busy}
              title={simulateCheck.ok ? undefined : simulateCheck.message}
              onClick={async () => {
                const run = await startSimulation.run();
                if (run) navigate({ page: 'run', id: run.id });
              }}
            >
              {lastSimulation ? 'Simulate again' : 'Run simulation'}
            </Button>
          )}
          {!simulateCheck.ok && <Text size={200}>{simulateCheck.message}</Text>}
          <ErrorMessage error={startSimulation.error} />
        </NumberedStep>
        <NumberedStep number={2} title="Activate">
          <Text>Once active, syncs may run: on demand, and on the schedule.</Text>
          {can(activateConnection) && (
            <Button
              appearance={activateBlocker ? 'secondary' : 'primary'}
              icon={<PlayCircleRegular />}
              disabledFocusable={activateBlocker !== null}
              title={activateBlocker ?? undefined}
              onClick={() => {
                activate.clearError();
                setDialog('activate');
              }}
              data-operation="activate-step5"
            >
              Activate
            </Button>
          )}
          {activateBlocker && (
            <Text size={200} data-testid="activation-blocker">
              {activateBlocker}
            </Text>
          )}
          {mayActivateAnyway && (
            <Button
              appearance="secondary"
              onClick={() => setDialog('anyway')}
              data-operation="activate-anyway"
            >
              Activate anyway…
            </Button>
          )}
        </NumberedStep>
        <NumberedStep number={3} title="Schedule">
          <Text>
            {c.schedule
              ? `Scheduled; the next sync is ${formatDateTimeWithRelative(c.nextRunAt, 'not planned', c.timeZone)}.`
              : offersSaveAndActivate(c.state)
                ? 'Choose when syncs run. “Save and activate” does steps 2 and 3 at once.'
                : 'Choose when syncs run.'}
          </Text>
          {can(setSchedule) && (
            <Button
              icon={<CalendarClockRegular />}
              disabledFocusable={!scheduleCheck.ok}
              title={scheduleCheck.ok ? undefined : scheduleCheck.message}
              onClick={() => setDialog('schedule')}
              data-operation="schedule-step5"
            >
              Set schedule
            </Button>
          )}
        </NumberedStep>
      </ol>
      <ConfirmDialog
        open={dialog === 'activate'}
        title="Activate connection"
        confirmLabel="Activate"
        busy={activate.busy}
        error={activate.error}
        onCancel={() => setDialog(null)}
        onConfirm={async () => {
          if (await activate.run()) {
            setDialog(null);
            props.onChanged();
          }
        }}
      >
        Activate “<strong>{c.name}</strong>”? Syncs may then run and change accounts in the tenant.
      </ConfirmDialog>
      <ActivateAnywayDialog
        open={dialog === 'anyway'}
        connection={c}
        onCancel={() => setDialog(null)}
        onActivated={() => {
          setDialog(null);
          props.onChanged();
        }}
      />
      {dialog === 'schedule' && (
        <ScheduleDialog
          connection={c}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            props.onChanged();
          }}
        />
      )}
    </>
  );
}
