/** A page's command bar under its header, as the admin center lays them out. */
import { makeStyles, Toolbar, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  bar: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    marginBottom: '16px',
    flexWrap: 'wrap',
  },
});

export function CommandBar(props: { readonly label: string; readonly children: ReactNode }) {
  const styles = useStyles();
  return (
    <Toolbar aria-label={props.label} className={styles.bar}>
      {props.children}
    </Toolbar>
  );
}
