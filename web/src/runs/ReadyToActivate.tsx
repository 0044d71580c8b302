/**
 * The way on from a simulation's results to activation, the step the five-step flow ends with. The
 * results of a clean simulation ended the flow: the administrator had to find step 5 to activate. It is
 * offered only where the service would do it — the endpoint's role (`can`), the state table and the
 * activation gate the service computed (`unavailableReason`, as the toolbar's Activate), and only on the
 * simulation that gate judged, the connection's latest.
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
import { unavailableReason } from '../connection-ops/operations.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

export function ReadyToActivate(props: {
  readonly run: Pick<Run, 'id' | 'kind'>;
  readonly connection: ConnectionDetails;
}) {
  const { can } = useSession();
  const c = props.connection;
  const [confirming, setConfirming] = useState(false);
  const activate = useAction(() => call(activateConnection, { params: { id: c.id } }));
  const offered =
    props.run.kind === 'simulation' &&
    c.activation.simulationId === props.run.id &&
    can(activateConnection) &&
    unavailableReason('activate', c.state, c.activation) === null;
  if (!offered) return null;
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
