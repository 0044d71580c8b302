/**
 * What every step editor shares: the Save button, the warning that saving a confirmed step sends
 * the later steps back to be confirmed again, and the service's answer (what changed, what next).
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { readablePath } from '../api/contracts.ts';
import type { ConnectionDetails, StepSaved } from '../api/dto.ts';
import { useAction } from '../api/use-action.ts';
import { hrefFor, type StepNumber } from '../app/routes.ts';
import { useUnsavedChanges } from '../setup/unsaved-changes.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { STEP_TITLES } from '../ui/labels.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '20px', maxWidth: '1100px' },
  footer: {
    display: 'flex',
    gap: '8px',
    alignItems: 'center',
    flexWrap: 'wrap',
    paddingTop: '12px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

/** The steps whose confirmation a save of `step` undoes: later steps that are done. */
export function stepsToReconfirm(connection: ConnectionDetails, step: StepNumber): number[] {
  return connection.steps.filter((s) => s.number > step && s.status === 'done').map((s) => s.number);
}

export function StepFrame(props: {
  readonly connection: ConnectionDetails;
  readonly step: StepNumber;
  readonly readOnly: boolean;
  /** Why Save is unavailable (missing required fields), or null. */
  readonly invalid: string | null;
  /** The body Save would send: compared with what was loaded, to know whether anything changed. */
  readonly draft: unknown;
  readonly save: () => Promise<StepSaved>;
  readonly onSaved: (result: StepSaved) => void;
  readonly children: ReactNode;
  /** Puts the saved settings back in the editor (the step page opens it afresh). */
  readonly onDiscard?: () => void;
  /** Buttons shown after Save (such as Test connection). */
  readonly extraActions?: ReactNode;
  /** Shown below the Save bar (steps 3 and 4: Preview impact). */
  readonly preview?: ReactNode;
}) {
  const styles = useStyles();
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState<StepSaved | null>(null);
  const action = useAction(props.save);
  const later = stepsToReconfirm(props.connection, props.step);
  // Saving any step of an active or deactivated connection changes its state, even at step 4.
  const stateChanges = props.connection.state !== 'draft';
  // Saving what was loaded only confirms the step; the service resets progress only for a change.
  const current = JSON.stringify(props.draft);
  const baseline = useRef(current);
  // After a save the editor may tidy its fields (step 1 empties the token it just stored): the first
  // render after the save is the new starting point.
  const rebase = useRef(false);
  if (rebase.current) {
    rebase.current = false;
    baseline.current = current;
  }
  const changed = current !== baseline.current;
  useUnsavedChanges(changed && !props.readOnly);
  const needsWarning = changed && (later.length > 0 || stateChanges);

  const doSave = async () => {
    const result = await action.run();
    setConfirming(false);
    if (result) {
      baseline.current = current;
      rebase.current = true;
      setSaved(result);
      props.onSaved(result);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (props.readOnly || props.invalid) return;
    if (needsWarning) {
      action.clearError();
      setConfirming(true);
    } else void doSave();
  };
  const next = props.step < 5 ? ((props.step + 1) as StepNumber) : null;

  return (
    <form
      className={styles.form}
      onSubmit={submit}
      aria-label={`Step ${props.step}: ${STEP_TITLES[props.step]}`}
    >
      <fieldset disabled={props.readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 20 }}>{props.children}</div>
      </fieldset>
      {saved && (
        <MessageBar intent="success" layout="multiline" data-testid="step-saved">
          <MessageBarBody>
            <MessageBarTitle>Step {props.step} saved</MessageBarTitle>
            {saved.message}
            {saved.changed.length > 0 &&
              ` Changed: ${saved.changed.map((path) => readablePath(path, { topLevel: true })).join(', ')}.`}
          </MessageBarBody>
          {next && (
            <MessageBarActions>
              <Button
                as="a"
                href={hrefFor({ page: 'step', id: props.connection.id, step: next })}
                appearance="primary"
              >
                Next: {STEP_TITLES[next]}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {!confirming && <ErrorMessage error={action.error} />}
      <div className={styles.footer}>
        {!props.readOnly && (
          <Button
            appearance="primary"
            type="submit"
            disabledFocusable={Boolean(props.invalid) || action.busy}
            icon={action.busy ? <Spinner size="tiny" /> : null}
            title={props.invalid ?? undefined}
          >
            Save
          </Button>
        )}
        {!props.readOnly && changed && props.onDiscard && (
          <Button onClick={props.onDiscard} disabled={action.busy}>
            Discard changes
          </Button>
        )}
        {props.extraActions}
        {props.invalid && !props.readOnly && (
          <span style={{ color: tokens.colorNeutralForeground2 }} data-testid="step-blocker">
            {props.invalid}
          </span>
        )}
      </div>
      {props.preview}
      <ConfirmDialog
        open={confirming}
        title={`Save step ${props.step}?`}
        confirmLabel="Save"
        busy={action.busy}
        error={action.error}
        onConfirm={() => void doSave()}
        onCancel={() => setConfirming(false)}
      >
        {later.length > 0 ? (
          <>
            Saving a change to step {props.step} sends “{props.connection.name}” back to this step: step
            {later.length > 1 ? 's' : ''} {later.join(', ')} must be confirmed again
          </>
        ) : (
          <>Saving changes the configuration of “{props.connection.name}”</>
        )}
        {props.connection.state === 'simulation'
          ? '. Earlier simulations no longer match the configuration; simulate again before activating.'
          : stateChanges
            ? `. It is ${props.connection.state} now and must be simulated and activated again; until then scheduled syncs do not run.`
            : '.'}
      </ConfirmDialog>
    </form>
  );
}
