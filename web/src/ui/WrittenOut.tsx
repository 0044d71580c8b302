/**
 * A closed select shows its chosen option on one line and cuts it at its edge. Where an option is
 * longer than a phone's select can show ("Simulation of 6 Dec 2026, 10:44 CET — Completed with
 * failures", a naming scheme with its examples), the select takes its box's width on a narrow screen
 * and the chosen option's whole text is written out under it, wrapping. The select names the line
 * (`data-written-out`, its id) so a test can tell a cut value that is written out from one that is
 * lost. The line is hidden from screen readers, which read the select's value in full, and on wider
 * screens, where the select shows the whole text itself.
 */
import { makeStyles, mergeClasses, Text } from '@fluentui/react-components';
import { useId } from 'react';

/** Below this the long options of a select are cut in it. */
export const NARROW = '@media (max-width: 700px)';

const useStyles = makeStyles({
  box: { minWidth: 0, maxWidth: '100%', [NARROW]: { flex: '1 1 100%' } },
  line: { display: 'none', [NARROW]: { display: 'block', overflowWrap: 'anywhere' } },
});

/** The id that ties a select (`data-written-out`) to the line that writes its choice out. */
export const useWrittenOutId = (): string => useId();

/** The class for the box that holds the select and its line: the card's whole width when narrow. */
export const useWrittenOutBox = (): string => useStyles().box;

export function WrittenOut(props: {
  readonly id: string;
  readonly text: string | undefined;
  readonly className?: string;
  readonly 'data-testid'?: string;
}) {
  const styles = useStyles();
  if (!props.text) return null;
  return (
    <Text
      id={props.id}
      className={mergeClasses(styles.line, props.className)}
      size={200}
      aria-hidden
      data-testid={props['data-testid']}
    >
      {props.text}
    </Text>
  );
}
