/**
 * Asks before an operation that changes a connection's behaviour or cannot be undone. The body
 * names the connection, so the administrator sees which of many similar rows they picked.
 */
import { tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { ActionDialog } from './ActionDialog.tsx';
import { BusyButton } from './BusyButton.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';

export function ConfirmDialog(props: {
  readonly open: boolean;
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly cancelLabel?: string;
  readonly danger?: boolean;
  readonly busy: boolean;
  /** A required input of the dialog is still empty. */
  readonly confirmDisabled?: boolean;
  readonly error: unknown;
  /** The dialog holds typed input (a reason): closing it asks first. */
  readonly changed?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  return (
    <ActionDialog
      open={props.open}
      title={props.title}
      busy={props.busy}
      onClose={props.onCancel}
      gap={12}
      changed={props.changed === true}
      {...(props.cancelLabel === undefined ? {} : { cancelLabel: props.cancelLabel })}
      actions={
        <BusyButton
          onClick={props.onConfirm}
          busy={props.busy}
          disabled={props.confirmDisabled === true}
          style={
            // Red only while it can be pressed: an inline colour outranks Fluent's disabled look, and a
            // red "Activate anyway" that waited for its reason looked pressable and did nothing.
            props.danger && props.confirmDisabled !== true && !props.busy
              ? { backgroundColor: tokens.colorStatusDangerBackground3, borderColor: 'transparent' }
              : {}
          }
        >
          {props.confirmLabel}
        </BusyButton>
      }
    >
      <div>{props.children}</div>
      <ErrorMessage error={props.error} />
    </ActionDialog>
  );
}
