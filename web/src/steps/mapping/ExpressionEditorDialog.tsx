/**
 * Edits one expression: the text with an instant syntax check (the engine's own parser, in the
 * browser), the function help beside it, and the tester against a real employee below.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  mergeClasses,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useRef, useState } from 'react';
import { parseExpression } from '../../api/expressions.ts';
import { DiscardChanges } from '../../ui/ActionDialog.tsx';
import { dialogWidth, useDialogSurfaceStyles } from '../../ui/dialog-fit.ts';
import { useUnsavedChanges } from '../../ui/unsaved-forms.ts';
import { ExpressionTester } from './ExpressionTester.tsx';
import { FunctionHelp } from './FunctionHelp.tsx';

const useStyles = makeStyles({
  // As wide as the window allows (up to dialogWidth's maximum), not only as wide as its text.
  surface: { width: '100%' },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    gap: '16px',
    // On a phone the function help stands under the expression: beside it, both were cut off.
    '@media (max-width: 640px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  left: { display: 'flex', flexDirection: 'column', gap: '12px' },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

export function ExpressionEditorDialog(props: {
  readonly title: string;
  readonly expression: string;
  readonly connectionId: string;
  readonly readOnly: boolean;
  readonly onApply: (expression: string) => void;
  readonly onClose: () => void;
}) {
  const styles = useStyles();
  const surface = useDialogSurfaceStyles();
  const [text, setText] = useState(props.expression);
  const area = useRef<HTMLTextAreaElement>(null);
  const parsed = useMemo(() => (text.trim() ? parseExpression(text) : null), [text]);

  // Insert at the caret, as a formula bar does, and keep typing where the insert ended.
  const insert = (snippet: string) => {
    const el = area.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + snippet + text.slice(end);
    setText(next);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  };

  const validation =
    parsed === null
      ? { state: 'none' as const, message: 'Enter an expression.' }
      : parsed.ok
        ? { state: 'success' as const, message: 'The expression is valid.' }
        : { state: 'error' as const, message: parsed.error.message };

  // Closing with an edited expression asks first, as every dialog does (ui/ActionDialog).
  const changed = !props.readOnly && text !== props.expression;
  const [asking, setAsking] = useState(false);
  useUnsavedChanges(changed);
  const close = () => (changed ? setAsking(true) : props.onClose());

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface
        className={mergeClasses(surface.surface, styles.surface)}
        style={dialogWidth(1000)}
        aria-describedby={undefined}
      >
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>
            <div className={styles.grid}>
              <div className={styles.left}>
                <Field
                  label="Expression"
                  validationState={validation.state}
                  validationMessage={validation.message}
                  hint="Attributes in square brackets, e.g. [Roepnaam]; text in double quotes."
                >
                  <Textarea
                    value={text}
                    onChange={(_, d) => setText(d.value)}
                    readOnly={props.readOnly}
                    resize="vertical"
                    rows={5}
                    textarea={{ ref: area, className: styles.code, spellCheck: false }}
                    name="expression"
                    autoFocus
                  />
                </Field>
                <ExpressionTester connectionId={props.connectionId} expression={text} />
              </div>
              <FunctionHelp {...(props.readOnly ? {} : { onInsert: insert })} />
            </div>
          </DialogContent>
          <DialogActions>
            {!props.readOnly && (
              <Button appearance="primary" onClick={() => props.onApply(text)} disabled={!text.trim()}>
                Apply
              </Button>
            )}
            <Button onClick={close}>{props.readOnly ? 'Close' : 'Cancel'}</Button>
          </DialogActions>
        </DialogBody>
        {asking && <DiscardChanges onKeep={() => setAsking(false)} onDiscard={props.onClose} />}
      </DialogSurface>
    </Dialog>
  );
}
