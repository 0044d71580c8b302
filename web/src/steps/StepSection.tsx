/** One titled part of a step editor (Scope, Matching precedence, …), labelled by its heading. */
import { makeStyles, Text } from '@fluentui/react-components';
import type { CSSProperties, ReactNode } from 'react';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '10px' },
  heading: { margin: 0 },
});

export function StepSection(props: {
  /** The heading's id, unique on the page. */
  readonly id: string;
  readonly title: string;
  /** A sentence under the heading that says what the part decides. */
  readonly description?: ReactNode;
  readonly style?: CSSProperties;
  readonly children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <section
      className={styles.section}
      aria-labelledby={props.id}
      {...(props.style === undefined ? {} : { style: props.style })}
    >
      <Text as="h2" id={props.id} size={500} weight="semibold" className={styles.heading}>
        {props.title}
      </Text>
      {props.description !== undefined && <Text size={200}>{props.description}</Text>}
      {props.children}
    </section>
  );
}
