/**
 * The way on from a simulation's results to activation, the step the five-step flow ends with. The
 * results of a clean simulation ended the flow: the administrator had to find step 5 to activate. It is
 * offered only where the service would do it — the endpoint's role (`can`), the state table and the
 * activation gate the service computed (`unavailableReason`, as the toolbar's Activate), and only on the
 * simulation that gate judged, the connection's latest. A simulation with failed persons or conflicts says
 * why it is not ready in the gate's words and offers an admin "Activate anyway…" right there: step 5's
 * dialog, asking for the written reason the service requires, offered by the same rule
 * (connection-ops/ActivateAnywayDialog.tsx). It used to link to step 5, where the admin found the
 * button and pressed it: two steps for one decision.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { PlayCircleRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { activateConnection } from '../api/contracts.ts';
import type { ConnectionDetails, Run } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { navigate } from '../app/routes.ts';
import { useSession } from '../auth/session-context.tsx';
import { ActivateAnywayDialog, offersActivateAnyway } from '../connection-ops/ActivateAnywayDialog.tsx';
import { unavailableReason } from '../connection-ops/operations.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

type Judged = Pick<Run, 'id' | 'kind'>;

/** The simulation whose outcome the connection's activation gate judged: its latest. */
const judges = (run: Judged, c: ConnectionDetails): boolean =>
  run.kind === 'simulation' && c.activation.simulationId === run.id;

/** Whether this run's page offers "Activate anyway…" (to a user with `can`). */
export const offersActivateAnywayFrom = (
  run: Judged,
  c: ConnectionDetails,
  can: Parameters<typeof offersActivateAnyway>[1],
): boolean => judges(run, c) && offersActivateAnyway(c, can);

/** "Activate anyway…" and its dialog; once activated, on to what is left of step 5: the schedule. */
export function ActivateAnywayButton(props: { readonly connection: ConnectionDetails }) {
  const c = props.connection;
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-operation="activate-anyway">
        Activate anyway…
      </Button>
      <ActivateAnywayDialog
        open={open}
        connection={c}
        onCancel={() => setOpen(false)}
        onActivated={() => {
          setOpen(false);
          navigate({ page: 'step', id: c.id, step: 5 });
        }}
      />
    </>
  );
}

export function ReadyToActivate(props: {
  readonly run: Pick<Run, 'id' | 'kind' | 'status'>;
  readonly connection: ConnectionDetails;
}) {
  const { can } = useSession();
  const c = props.connection;
  const [confirming, setConfirming] = useState(false);
  const activate = useAction(() => call(activateConnection, { params: { id: c.id } }));
  if (!judges(props.run, c)) return null;
  // A blocked simulation has its own message above, which offers "activate anyway" too.
  if (props.run.status !== 'blocked' && offersActivateAnywayFrom(props.run, c, can)) {
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="not-ready-to-activate">
        <MessageBarBody>
          <MessageBarTitle>Not ready to activate</MessageBarTitle>
          {c.activation.reason}
        </MessageBarBody>
        <MessageBarActions>
          <ActivateAnywayButton connection={c} />
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (!can(activateConnection) || unavailableReason('activate', c.state, c.activation) !== null) return null;
  return (
    <>
      <MessageBar intent="success" layout="multiline" data-testid="ready-to-activate">
        <MessageBarBody>
          <MessageBarTitle>Ready to activate</MessageBarTitle>
          This simulation matches the current configuration and has no failed persons or conflicts. Activate “
          {c.name}” so that syncs may run, then set its schedule.
        </MessageBarBody>
        <MessageBarActions>
          <Button
            appearance="primary"
            icon={<PlayCircleRegular />}
            onClick={() => {
              activate.clearError();
              setConfirming(true);
            }}
          >
            Activate
          </Button>
        </MessageBarActions>
      </MessageBar>
      <ConfirmDialog
        open={confirming}
        title="Activate connection"
        confirmLabel="Activate"
        busy={activate.busy}
        error={activate.error}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          if (await activate.run()) {
            setConfirming(false);
            // What is left of step 5: the schedule.
            navigate({ page: 'step', id: c.id, step: 5 });
          }
        }}
      >
        Activate “<strong>{c.name}</strong>”? Syncs may then run and change accounts in the tenant.
      </ConfirmDialog>
    </>
  );
}
