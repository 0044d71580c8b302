/**
 * A modal for one operation (create, save, confirm): while the operation runs it cannot be
 * dismissed and Cancel is disabled, so an answer is never lost behind a closed dialog. With
 * `submit` its body is a form whose primary button submits it, so Enter in a field does too.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import type { FormEvent, ReactNode } from 'react';
import { BusyButton } from './BusyButton.tsx';

export interface DialogSubmit {
  readonly label: string;
  /** A required field is still empty. */
  readonly disabled: boolean;
  readonly onSubmit: () => void;
}

export function ActionDialog(props: {
  /** Default true: most dialogs are mounted only while open. */
  readonly open?: boolean;
  readonly title: ReactNode;
  readonly busy: boolean;
  readonly onClose: () => void;
  readonly submit?: DialogSubmit;
  /** The operation's buttons when it is not a form's submit; Cancel follows them. */
  readonly actions?: ReactNode;
  readonly cancelLabel?: string;
  readonly maxWidth?: number;
  /** Space between the content's blocks, in pixels. */
  readonly gap?: number;
  readonly children: ReactNode;
}) {
  const { submit } = props;
  const body = (
    <DialogBody>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: props.gap ?? 14 }}>
        {props.children}
      </DialogContent>
      <DialogActions>
        {props.actions}
        {submit && (
          <BusyButton type="submit" busy={props.busy} disabled={submit.disabled}>
            {submit.label}
          </BusyButton>
        )}
        <Button onClick={props.onClose} disabled={props.busy}>
          {props.cancelLabel ?? 'Cancel'}
        </Button>
      </DialogActions>
    </DialogBody>
  );
  return (
    <Dialog open={props.open ?? true} onOpenChange={(_, d) => !d.open && !props.busy && props.onClose()}>
      <DialogSurface
        aria-describedby={undefined}
        {...(props.maxWidth === undefined ? {} : { style: { maxWidth: props.maxWidth } })}
      >
        {submit ? (
          <form
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              submit.onSubmit();
            }}
          >
            {body}
          </form>
        ) : (
          body
        )}
      </DialogSurface>
    </Dialog>
  );
}
