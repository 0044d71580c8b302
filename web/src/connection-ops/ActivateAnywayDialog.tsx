/**
 * "Activate anyway": an admin activates a connection whose latest simulation the activation gate will
 * not pass by itself (blocked, failed or conflicting persons), with a written reason the audit log
 * keeps. One dialog and one call for every place that offers it (step 5, a simulation's results), and
 * one rule for whether it is offered: the gate the service computed says `needs-reason` and the
 * endpoint's role (admin) is the user's — what the service then allows.
 */
import { Field, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { ACTIVATE_ANYWAY, activateConnectionAnyway, type Endpoint } from '../api/contracts.ts';
import type { ConnectionDetails } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

type Can = (endpoint: Pick<Endpoint, 'access'>) => boolean;

/** Whether to offer "Activate anyway…" for `connection` to a user with `can`. */
export const offersActivateAnyway = (connection: Pick<ConnectionDetails, 'activation'>, can: Can): boolean =>
  connection.activation.kind === 'needs-reason' && can(activateConnectionAnyway);

export function ActivateAnywayDialog(props: {
  readonly open: boolean;
  readonly connection: Pick<ConnectionDetails, 'id' | 'name' | 'activation'>;
  readonly onCancel: () => void;
  readonly onActivated: () => void;
}) {
  const c = props.connection;
  const [reason, setReason] = useState('');
  const activateAnyway = useAction(() =>
    call(activateConnectionAnyway, { params: { id: c.id }, body: { reason: reason.trim() } }),
  );
  // Each opening starts without a reason or the last attempt's refusal.
  const [wasOpen, setWasOpen] = useState(props.open);
  if (props.open !== wasOpen) {
    setWasOpen(props.open);
    if (props.open) {
      setReason('');
      activateAnyway.clearError();
    }
  }
  return (
    <ConfirmDialog
      open={props.open}
      title="Activate anyway"
      confirmLabel="Activate anyway"
      danger
      busy={activateAnyway.busy}
      error={activateAnyway.error}
      confirmDisabled={reason.trim().length < ACTIVATE_ANYWAY.minReasonLength}
      changed={reason.trim() !== ''}
      onCancel={props.onCancel}
      onConfirm={async () => {
        if (await activateAnyway.run()) props.onActivated();
      }}
    >
      <p style={{ marginTop: 0 }}>{c.activation.reason}</p>
      <Field
        label={`Why activate “${c.name}” now?`}
        required
        hint={`At least ${ACTIVATE_ANYWAY.minReasonLength} characters; recorded with your name in the audit log.`}
      >
        <Textarea value={reason} onChange={(_, d) => setReason(d.value)} name="reason" autoFocus />
      </Field>
    </ConfirmDialog>
  );
}
