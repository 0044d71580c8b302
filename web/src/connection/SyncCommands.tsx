/**
 * "Sync now" and "Sync one person" for an active connection. Both write to the tenant, so both
 * ask first; each opens the run's results, where progress shows live.
 */
import { ToolbarButton, Tooltip } from '@fluentui/react-components';
import { ArrowSyncRegular, PersonSyncRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { call } from '../api/client.ts';
import { type ConnectionState, checkOperation, sync, syncPerson } from '../api/contracts.ts';
import type { Run } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useSession } from '../auth/session-context.tsx';
import { PersonPicker } from '../steps/mapping/PersonPicker.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';

export function SyncCommands(props: {
  readonly connection: { readonly id: string; readonly name: string; readonly state: ConnectionState };
  readonly onQueued: (run: Run) => void;
}) {
  const { can } = useSession();
  const { id, name, state } = props.connection;
  const [open, setOpen] = useState<'sync' | 'person' | null>(null);
  const [employeeNumber, setEmployeeNumber] = useState('');
  const queue = useAction((which: 'sync' | 'person') =>
    which === 'sync'
      ? call(sync, { params: { id } })
      : call(syncPerson, { params: { id }, body: { employeeNumber } }),
  );
  const confirm = async () => {
    if (!open) return;
    const run = await queue.run(open);
    if (run) {
      setOpen(null);
      props.onQueued(run);
    }
  };
  const check = checkOperation('sync', state);
  const reason = check.ok ? null : check.message;
  const button = (which: 'sync' | 'person') => {
    const b = (
      <ToolbarButton
        icon={which === 'sync' ? <ArrowSyncRegular /> : <PersonSyncRegular />}
        disabledFocusable={reason !== null}
        onClick={() => {
          queue.clearError();
          setEmployeeNumber('');
          setOpen(which);
        }}
        data-operation={which === 'sync' ? 'sync' : 'sync-person'}
      >
        {which === 'sync' ? 'Sync now' : 'Sync one person'}
      </ToolbarButton>
    );
    return reason ? (
      <Tooltip content={reason} relationship="description">
        {b}
      </Tooltip>
    ) : (
      b
    );
  };
  return (
    <>
      {can(sync) && button('sync')}
      {can(syncPerson) && button('person')}
      <ConfirmDialog
        open={open === 'sync'}
        title="Sync now"
        confirmLabel="Sync now"
        busy={queue.busy}
        error={queue.error}
        onConfirm={() => void confirm()}
        onCancel={() => setOpen(null)}
      >
        Run a sync of “<strong>{name}</strong>” now? Accounts in the tenant are created, changed and disabled
        as the latest simulation showed; safety thresholds still apply.
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'person'}
        title="Sync one person"
        confirmLabel="Sync"
        busy={queue.busy}
        confirmDisabled={employeeNumber === ''}
        error={queue.error}
        onConfirm={() => void confirm()}
        onCancel={() => setOpen(null)}
      >
        {open === 'person' && (
          <PersonPicker
            connectionId={id}
            onChange={setEmployeeNumber}
            pickOnly
            label="Employee"
            hint={`Search AFAS by name or employee number; only this employee is synced by “${name}”.`}
            ariaLabel="Employee to sync"
            testId="sync-person-employee"
          />
        )}
      </ConfirmDialog>
    </>
  );
}
