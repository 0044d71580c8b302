/** Label/value pairs of a details page, as a description list so screen readers pair them. */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    // The labels take what they need but at most 40 %: a fixed 160 px left a narrow card (a run's
    // details beside its summary at 1024 px) a value column too thin for a date or a status.
    gridTemplateColumns: 'fit-content(40%) minmax(0, 1fr)',
    columnGap: '24px',
    rowGap: '10px',
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: 'anywhere' },
});

export function PropertyList(props: { readonly items: readonly (readonly [string, ReactNode])[] }) {
  const styles = useStyles();
  return (
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
  );
}
