/** One numbered item of step 5's checklist (simulate, activate, schedule): its title and content. */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  item: {
    display: 'grid',
    gridTemplateColumns: '32px 1fr',
    gap: '12px',
    padding: '16px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  number: {
    width: '28px',
    height: '28px',
    borderRadius: '50%',
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontWeight: tokens.fontWeightSemibold,
  },
  body: { display: 'flex', flexDirection: 'column', gap: '8px', alignItems: 'flex-start' },
});

export function NumberedStep(props: {
  readonly number: number;
  readonly title: string;
  readonly children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <li className={styles.item}>
      <span className={styles.number}>{props.number}</span>
      <div className={styles.body}>
        <Text weight="semibold" size={400}>
          {props.title}
        </Text>
        {props.children}
      </div>
    </li>
  );
}
