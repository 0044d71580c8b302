/**
 * The way on from a simulation's results to activation, the step the five-step flow ends with. The
 * results of a clean simulation ended the flow: the administrator had to find step 5 to activate. It is
 * offered only where the service would do it — the endpoint's role (`can`), the state table and the
 * activation gate the service computed (`unavailableReason`, as the toolbar's Activate), and only on the
 * simulation that gate judged, the connection's latest. A simulation with failed persons or conflicts says
 * why it is not ready in the gate's words and, to an admin, links to step 5's "Activate anyway…" (which
 * asks for the written reason the service requires).
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
import { activateConnection, activateConnectionAnyway } from '../api/contracts.ts';
import type { ConnectionDetails, Run } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { hrefFor, navigate } from '../app/routes.ts';
import { useSession } from '../auth/session-context.tsx';
import { unavailableReason } from '../connection-ops/operations.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

export function ReadyToActivate(props: {
  readonly run: Pick<Run, 'id' | 'kind' | 'status'>;
  readonly connection: ConnectionDetails;
}) {
  const { can } = useSession();
  const c = props.connection;
  const [confirming, setConfirming] = useState(false);
  const activate = useAction(() => call(activateConnection, { params: { id: c.id } }));
  const judged = props.run.kind === 'simulation' && c.activation.simulationId === props.run.id;
  if (!judged) return null;
  // A blocked simulation has its own message above, which names "activate anyway".
  if (
    c.activation.kind === 'needs-reason' &&
    props.run.status !== 'blocked' &&
    can(activateConnectionAnyway)
  ) {
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="not-ready-to-activate">
        <MessageBarBody>
          <MessageBarTitle>Not ready to activate</MessageBarTitle>
          {c.activation.reason}
        </MessageBarBody>
        <MessageBarActions>
          <Button as="a" href={hrefFor({ page: 'step', id: c.id, step: 5 })}>
            Activate anyway in step 5
          </Button>
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
