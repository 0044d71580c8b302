import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: '8px',
    padding: '48px 16px',
    textAlign: 'center',
    color: tokens.colorNeutralForeground2,
  },
  icon: { fontSize: '40px', color: tokens.colorBrandForeground1 },
});

/** What a table shows when it has nothing: say why, and what to do next. */
export function EmptyState(props: {
  readonly icon?: ReactNode;
  readonly title: string;
  readonly children?: ReactNode;
  readonly action?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid="empty-state">
      {props.icon && <div className={styles.icon}>{props.icon}</div>}
      <Text weight="semibold" size={400}>
        {props.title}
      </Text>
      {props.children && <Text>{props.children}</Text>}
      {props.action}
    </div>
  );
}
