/**
 * A closed select shows its chosen option on one line and cuts it at its edge. Where an option is
 * longer than a phone's select can show ("Simulation of 6 Dec 2026, 10:44 CET — Completed with
 * failures", a naming scheme with its examples), the select takes its box's width on a narrow screen
 * and the chosen option's whole text is written out under it, wrapping. The select names the line
 * (`data-written-out`, its id) so a test can tell a cut value that is written out from one that is
 * lost. The line is hidden from screen readers, which read the select's value in full, and on wider
 * screens, where the select shows the whole text itself.
 *
 * A select of names someone typed (a customer, a tenant: up to 200 characters) cannot know from
 * its width alone whether the chosen name fits: "Contoso BV" fits at 320 px, a 200-character name is
 * cut at 1280 px too. `useCutInSelect` measures the chosen text in the select's own font against the
 * room inside its padding, again whenever the select's width changes, and such a select writes the
 * name out only when it is cut, at any width: a name that fits is not read twice.
 */
import { makeStyles, mergeClasses, Text } from '@fluentui/react-components';
import { useId, useLayoutEffect, useState } from 'react';

/** Below this the long options of a select are cut in it. */
export const NARROW = '@media (max-width: 700px)';

const useStyles = makeStyles({
  box: { minWidth: 0, maxWidth: '100%', [NARROW]: { flex: '1 1 100%' } },
  line: { display: 'none', [NARROW]: { display: 'block', overflowWrap: 'anywhere' } },
  cut: { display: 'block', overflowWrap: 'anywhere', marginTop: '4px' },
});

/** The text's width in the element's font, laid out by a canvas (a select never scrolls to say it). */
function textWidth(el: HTMLSelectElement, text: string): number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return 0;
  context.font = getComputedStyle(el).font;
  return context.measureText(text).width;
}

/**
 * Whether the select cuts `text` (its chosen option's): a ref for the select and the answer, measured
 * again when the select's width or the text changes.
 */
export function useCutInSelect(
  text: string | undefined,
): readonly [(el: HTMLSelectElement | null) => void, boolean] {
  const [select, setSelect] = useState<HTMLSelectElement | null>(null);
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    if (!select || !text) {
      setCut(false);
      return;
    }
    const measure = () => {
      const style = getComputedStyle(select);
      const room =
        select.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      setCut(select.clientWidth > 0 && textWidth(select, text) > room + 0.5);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(select);
    // Fluent's web font may arrive after the first measure and change the text's width.
    void document.fonts?.ready.then(measure);
    return () => observer.disconnect();
  }, [select, text]);
  return [setSelect, cut];
}

/** The id that ties a select (`data-written-out`) to the line that writes its choice out. */
export const useWrittenOutId = (): string => useId();

/** The class for the box that holds the select and its line: the card's whole width when narrow. */
export const useWrittenOutBox = (): string => useStyles().box;

export function WrittenOut(props: {
  readonly id: string;
  readonly text: string | undefined;
  readonly className?: string;
  readonly 'data-testid'?: string;
  /** Measured by `useCutInSelect`: shown when the select cuts the text, at any width, else not at all. */
  readonly cut?: boolean;
}) {
  const styles = useStyles();
  if (!props.text || props.cut === false) return null;
  return (
    <Text
      id={props.id}
      className={mergeClasses(props.cut ? styles.cut : styles.line, props.className)}
      size={200}
      aria-hidden
      data-testid={props['data-testid']}
    >
      {props.text}
    </Text>
  );
}
