/**
 * A modal for one operation (create, save, confirm): while the operation runs it cannot be
 * dismissed and Cancel is disabled, so an answer is never lost behind a closed dialog. With
 * `submit` its body is a form whose primary button submits it, so Enter in a field does too.
 * With `changed` (what was typed differs from what the dialog opened with) every way of closing it
 * — Escape, Cancel, a click outside — first asks "Discard changes?", and the changes count as the
 * page's unsaved changes, so leaving the page or closing the tab asks too (setup/unsaved-changes).
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
import { type FormEvent, type ReactNode, useState } from 'react';
import { BusyButton } from './BusyButton.tsx';
import { dialogWidth, useDialogSurfaceStyles } from './dialog-fit.ts';
import { useUnsavedChanges } from './unsaved-forms.ts';

export interface DialogSubmit {
  readonly label: string;
  /** A required field is still empty. */
  readonly disabled: boolean;
  /**
   * Saves. Returning (a promise of) something truthy means it was saved: the dialog's changes stop
   * counting as unsaved before whatever saving started (a navigation) takes effect.
   */
  readonly onSubmit: () => unknown;
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
  /** The dialog holds changes that closing it would lose: closing asks first. */
  readonly changed?: boolean;
  readonly children: ReactNode;
}) {
  const { submit } = props;
  const surface = useDialogSurfaceStyles();
  const open = props.open ?? true;
  const changed = open && props.changed === true;
  const [asking, setAsking] = useState(false);
  const release = useUnsavedChanges(changed);
  const close = () => {
    if (props.busy) return;
    if (changed) setAsking(true);
    else props.onClose();
  };
  const body = (
    <DialogBody>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: props.gap ?? 14 }}>
        {props.children}
      </DialogContent>
      {/* fluid: the whole width of the dialog, not Fluent's right half (about 270 px of a 600 px
          dialog), where "Save and activate" beside Save and Cancel broke into three lines. */}
      <DialogActions fluid>
        {props.actions}
        {submit && (
          <BusyButton type="submit" busy={props.busy} disabled={submit.disabled}>
            {submit.label}
          </BusyButton>
        )}
        <Button onClick={close} disabled={props.busy}>
          {props.cancelLabel ?? 'Cancel'}
        </Button>
      </DialogActions>
    </DialogBody>
  );
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface
        aria-describedby={undefined}
        className={surface.surface}
        style={dialogWidth(props.maxWidth)}
      >
        {submit ? (
          <form
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              void Promise.resolve(submit.onSubmit()).then((saved) => {
                if (saved) release();
              });
            }}
          >
            {body}
          </form>
        ) : (
          body
        )}
        {asking && <DiscardChanges onKeep={() => setAsking(false)} onDiscard={props.onClose} />}
      </DialogSurface>
    </Dialog>
  );
}

/** Asked before a changed dialog closes. (Not a ConfirmDialog: that one is built on this.) */
export function DiscardChanges(props: { readonly onKeep: () => void; readonly onDiscard: () => void }) {
  const surface = useDialogSurfaceStyles();
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onKeep()}>
      <DialogSurface aria-describedby={undefined} className={surface.surface} style={dialogWidth()}>
        <DialogBody>
          <DialogTitle>Discard changes?</DialogTitle>
          <DialogContent>
            What you entered in this dialog is not saved. If you close it now, it is lost.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={props.onDiscard}>
              Discard changes
            </Button>
            <Button onClick={props.onKeep}>Keep editing</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
