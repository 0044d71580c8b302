/** A titled card of a details page (Configuration, Details, Latest run, Summary, …). */
import { Card, CardHeader, makeStyles, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({ card: { padding: '16px' } });

export function SectionCard(props: {
  readonly title: string;
  readonly description?: string;
  /** Shown at the header's end, such as a link. */
  readonly action?: ReactNode;
  readonly children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <Card className={styles.card}>
      <CardHeader
        header={
          <Text weight="semibold" size={400}>
            {props.title}
          </Text>
        }
        {...(props.description === undefined ? {} : { description: props.description })}
        {...(props.action === undefined ? {} : { action: <>{props.action}</> })}
      />
      {props.children}
    </Card>
  );
}
