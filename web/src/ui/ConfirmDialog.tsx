/**
 * Asks before an operation that changes a connection's behaviour or cannot be undone. The body
 * names the connection, so the administrator sees which of many similar rows they picked.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
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
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && !props.busy && props.onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <div>{props.children}</div>
            <ErrorMessage error={props.error} />
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={props.onConfirm}
              disabled={props.busy || props.confirmDisabled === true}
              icon={props.busy ? <Spinner size="tiny" /> : null}
              style={
                props.danger
                  ? { backgroundColor: tokens.colorStatusDangerBackground3, borderColor: 'transparent' }
                  : {}
              }
            >
              {props.confirmLabel}
            </Button>
            <Button onClick={props.onCancel} disabled={props.busy}>
              {props.cancelLabel ?? 'Cancel'}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
