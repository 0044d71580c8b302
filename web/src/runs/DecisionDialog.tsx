/**
 * Approve or discard a blocked run. The reason is required and recorded with the operator's name
 * in the run and the audit log, because overriding a safety threshold must be explainable later.
 */
import { Field, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { approveRun, discardRun } from '../api/contracts.ts';
import type { Run } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

export function DecisionDialog(props: {
  readonly run: Run;
  readonly connectionName: string;
  readonly decision: 'approve' | 'discard';
  readonly onClose: () => void;
  readonly onDecided: (run: Run) => void;
}) {
  const [reason, setReason] = useState('');
  const decide = useAction(() =>
    call(props.decision === 'approve' ? approveRun : discardRun, {
      params: { id: props.run.id },
      body: { reason: reason.trim() },
    }),
  );
  const approve = props.decision === 'approve';
  return (
    <ConfirmDialog
      open
      title={approve ? 'Approve blocked run' : 'Discard blocked run'}
      confirmLabel={approve ? 'Approve and apply' : 'Discard'}
      danger={approve}
      busy={decide.busy}
      error={decide.error}
      confirmDisabled={!reason.trim()}
      onCancel={props.onClose}
      changed={reason.trim() !== ''}
      onConfirm={async () => {
        const run = await decide.run();
        if (run) props.onDecided(run);
      }}
    >
      <p style={{ marginTop: 0 }}>
        {approve
          ? `The run of “${props.connectionName}” is applied despite the safety threshold: ${props.run.blockedReason ?? ''}`
          : `Nothing of this run of “${props.connectionName}” is applied.`}
      </p>
      <Field label="Reason" required hint="Recorded with your name in the run and the audit log.">
        <Textarea value={reason} onChange={(_, d) => setReason(d.value)} name="reason" autoFocus />
      </Field>
    </ConfirmDialog>
  );
}
