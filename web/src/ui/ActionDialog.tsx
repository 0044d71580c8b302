/**
 * A modal for one operation (create, save, confirm): while the operation runs it cannot be
 * dismissed and Cancel is disabled, so an answer is never lost behind a closed dialog. With
 * `onSubmit` its body is a form, so Enter in a field submits it.
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

export function ActionDialog(props: {
  /** Default true: most dialogs are mounted only while open. */
  readonly open?: boolean;
  readonly title: ReactNode;
  readonly busy: boolean;
  readonly onClose: () => void;
  readonly onSubmit?: () => void;
  /** The operation's buttons; Cancel follows them. */
  readonly actions: ReactNode;
  readonly cancelLabel?: string;
  readonly maxWidth?: number;
  /** Space between the content's blocks, in pixels. */
  readonly gap?: number;
  readonly children: ReactNode;
}) {
  const { onSubmit } = props;
  const body = (
    <DialogBody>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: props.gap ?? 14 }}>
        {props.children}
      </DialogContent>
      <DialogActions>
        {props.actions}
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
        {onSubmit ? (
          <form
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              onSubmit();
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
