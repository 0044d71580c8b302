/** Label/value pairs of a details page, as a description list so screen readers pair them. */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/**
 * Narrower than this, a label goes above its value. Beside each other, the label column is at least
 * its longest word ("synchronisation"): in a 281 px list (a connection's details at 390 px) that left
 * the values 131 px and "Europe/Amsterdam" broke after its "a"; at 320 px values had 61 px.
 */
const NARROW = '@container (max-width: 339px)';

const useStyles = makeStyles({
  // The list's own width decides, not the window's: the same list sits in a wide card, a narrow
  // card beside another, or a drawer.
  box: { containerType: 'inline-size' },
  list: {
    display: 'grid',
    // The labels take what they need but at most 40 %: a fixed 160 px left a narrow card (a run's
    // details beside its summary at 1024 px) a value column too thin for a date or a status.
    gridTemplateColumns: 'fit-content(40%) minmax(0, 1fr)',
    columnGap: '24px',
    rowGap: '10px',
    margin: 0,
    [NARROW]: { gridTemplateColumns: 'minmax(0, 1fr)', rowGap: '2px' },
  },
  term: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  value: {
    margin: 0,
    overflowWrap: 'anywhere',
    // A pair's value close under its label, the next pair apart.
    [NARROW]: { marginBottom: '8px' },
  },
});

export function PropertyList(props: { readonly items: readonly (readonly [string, ReactNode])[] }) {
  const styles = useStyles();
  return (
    <div className={styles.box}>
      <dl className={styles.list}>
        {props.items.map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value} data-property={term}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
