/**
 * Simulate, Set schedule, Deactivate, Activate and Delete for one connection: used by the
 * connections table (for the selected row) and by the details page. Buttons the role may not use
 * are hidden; buttons the state does not allow are greyed, with the state table's reason as tooltip.
 */
import { ToolbarButton, Tooltip } from '@fluentui/react-components';
import {
  BeakerRegular,
  CalendarClockRegular,
  DeleteRegular,
  PauseCircleRegular,
  PlayCircleRegular,
} from '@fluentui/react-icons';
import { type ReactElement, useState } from 'react';
import { call } from '../api/client.ts';
import {
  activateConnection,
  type ConnectionState,
  deactivateConnection,
  deleteConnection,
  simulate,
} from '../api/contracts.ts';
import type { Run } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { useSession } from '../auth/session-context.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import {
  type ActivationInfo,
  TOOLBAR_OPERATIONS,
  TOOLBAR_ORDER,
  type ToolbarOperation,
  unavailableReason,
} from './operations.ts';
import { ScheduleDialog } from './ScheduleDialog.tsx';

export interface ActionTarget {
  readonly id: string;
  readonly name: string;
  readonly state: ConnectionState;
  readonly activation?: ActivationInfo;
}

const ICONS: Readonly<Record<ToolbarOperation, ReactElement>> = {
  simulate: <BeakerRegular />,
  setSchedule: <CalendarClockRegular />,
  deactivate: <PauseCircleRegular />,
  activate: <PlayCircleRegular />,
  delete: <DeleteRegular />,
};

export function ConnectionActions(props: {
  readonly target: ActionTarget | undefined;
  /** After a state change or schedule change: reload what the page shows. */
  readonly onChanged: () => void;
  readonly onDeleted: () => void;
  readonly onSimulated: (run: Run) => void;
}) {
  const { can } = useSession();
  const { target } = props;
  const [open, setOpen] = useState<ToolbarOperation | null>(null);

  const simulation = useAction((id: string) => call(simulate, { params: { id } }));
  const confirmAction = useAction(async (op: 'activate' | 'deactivate' | 'delete', id: string) => {
    if (op === 'activate') await call(activateConnection, { params: { id } });
    else if (op === 'deactivate') await call(deactivateConnection, { params: { id } });
    else await call(deleteConnection, { params: { id } });
    return true;
  });

  const start = async (op: ToolbarOperation) => {
    if (!target) return;
    if (op === 'simulate') {
      const run = await simulation.run(target.id);
      if (run) props.onSimulated(run);
      else setOpen('simulate'); // shows the refusal in a dialog, next to the connection's name
      return;
    }
    confirmAction.clearError();
    setOpen(op);
  };

  const confirm = async () => {
    if (!target || (open !== 'activate' && open !== 'deactivate' && open !== 'delete')) return;
    const op = open;
    const ok = await confirmAction.run(op, target.id);
    if (!ok) return;
    setOpen(null);
    if (op === 'delete') props.onDeleted();
    else props.onChanged();
  };

  const close = () => setOpen(null);
  const visible = TOOLBAR_ORDER.filter((op) => can(TOOLBAR_OPERATIONS[op].endpoint));

  return (
    <>
      {visible.map((op) => {
        const reason = unavailableReason(op, target?.state, target?.activation);
        const button = (
          <ToolbarButton
            key={op}
            icon={ICONS[op]}
            disabledFocusable={reason !== null || (op === 'simulate' && simulation.busy)}
            onClick={() => void start(op)}
            data-operation={op}
          >
            {TOOLBAR_OPERATIONS[op].label}
          </ToolbarButton>
        );
        return reason && target ? (
          <Tooltip key={op} content={reason} relationship="description">
            {button}
          </Tooltip>
        ) : (
          button
        );
      })}
      {target && (
        <>
          <ConfirmDialog
            open={open === 'simulate'}
            title={`Simulate ${target.name}`}
            confirmLabel="Try again"
            busy={simulation.busy}
            error={simulation.error}
            onConfirm={() => void start('simulate')}
            onCancel={close}
          >
            The simulation of “{target.name}” could not be started.
          </ConfirmDialog>
          <ConfirmDialog
            open={open === 'activate'}
            title="Activate connection"
            confirmLabel="Activate"
            busy={confirmAction.busy}
            error={confirmAction.error}
            onConfirm={() => void confirm()}
            onCancel={close}
          >
            Activate “<strong>{target.name}</strong>”? Syncs may run and its schedule resumes: accounts in the
            tenant will be created, changed and disabled.
          </ConfirmDialog>
          <ConfirmDialog
            open={open === 'deactivate'}
            title="Deactivate connection"
            confirmLabel="Deactivate"
            busy={confirmAction.busy}
            error={confirmAction.error}
            onConfirm={() => void confirm()}
            onCancel={close}
          >
            Deactivate “<strong>{target.name}</strong>”? Scheduled syncs stop until you activate it again.
            Nothing in the tenant changes.
          </ConfirmDialog>
          <ConfirmDialog
            open={open === 'delete'}
            title="Delete connection"
            confirmLabel="Delete"
            danger
            busy={confirmAction.busy}
            error={confirmAction.error}
            onConfirm={() => void confirm()}
            onCancel={close}
          >
            Permanently delete “<strong>{target.name}</strong>” with its configuration, schedule and run
            history? Accounts in the tenant stay as they are, and its audit events are kept. This cannot be
            undone.
          </ConfirmDialog>
          {open === 'setSchedule' && (
            <ScheduleDialog
              connection={target}
              onClose={close}
              onSaved={() => {
                close();
                props.onChanged();
              }}
            />
          )}
        </>
      )}
    </>
  );
}
